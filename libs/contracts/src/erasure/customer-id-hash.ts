import { createHmac } from 'node:crypto';

/** What the deployment's secret is turned into the hash key with: a new version here would be a new hash. */
const KEY_CONTEXT = 'seg/customer-id-hash/v1';

/**
 * A keyed hash of a customer id: how the services remember that a customer was erased, and how the erasure audit names
 * them, without keeping the id. HMAC-SHA256 (RFC 2104, node:crypto) of the id's UTF-8 bytes under a key derived from the
 * per-deployment `ERASURE_SALT`, truncated to its first 64 bits (RFC 2104 §5, NIST SP 800-107 allow truncation), which
 * PostgreSQL keeps as a `bigint`. A standard construction auditors can check; without the key a hash tells nothing about the
 * id, not even for ids as guessable as C10001. 64 bits: two distinct ids share a hash with odds of about 1 in 10⁸ per
 * trillion id pairs, then a customer would be taken for erased (docs/decisions/0020-erasure-and-export.md).
 */
export class CustomerIdHasher {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length === 0) throw new Error('The customer id hash needs a secret (ERASURE_SALT)');
    this.key = createHmac('sha256', secret).update(KEY_CONTEXT).digest();
  }

  /** The hash as PostgreSQL's `bigint` reads it: a signed 64-bit integer in decimal. */
  hash(customerId: string): string {
    return this.digest(customerId).readBigInt64BE(0).toString();
  }

  /** The hashes of many ids as 32-bit halves, high then low per id: `@seg/db` sends them as one binary `int8[]`. */
  hashes(customerIds: readonly string[]): Uint32Array {
    const halves = new Uint32Array(customerIds.length * 2);
    for (let i = 0; i < customerIds.length; i++) {
      const digest = this.digest(customerIds[i]);
      halves[2 * i] = digest.readUInt32BE(0);
      halves[2 * i + 1] = digest.readUInt32BE(4);
    }
    return halves;
  }

  /** The full HMAC-SHA256 of the id under the derived key; the hash is its first 8 bytes, big-endian. */
  digest(customerId: string): Buffer {
    return createHmac('sha256', this.key).update(customerId, 'utf8').digest();
  }
}
