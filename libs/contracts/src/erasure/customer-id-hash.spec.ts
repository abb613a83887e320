import { createHash } from 'node:crypto';
import { CustomerIdHasher } from './customer-id-hash';

/** HMAC-SHA256 written out from RFC 2104 with plain SHA-256, so the check does not lean on the HMAC it checks. */
function rfc2104(key: Buffer, message: Buffer): Buffer {
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
  const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte));
  const inner = createHash('sha256').update(pad(0x36)).update(message).digest();
  return createHash('sha256').update(pad(0x5c)).update(inner).digest();
}

describe(CustomerIdHasher.name, () => {
  it('should be HMAC-SHA256 under the key derived from the secret, truncated to its first 64 bits, when an id is hashed', () => {
    const secret = 'a deployment secret';
    const key = rfc2104(Buffer.from(secret), Buffer.from('seg/customer-id-hash/v1'));
    const hasher = new CustomerIdHasher(secret);
    for (const id of ['C10001', '', 'Zoë-ünïcode-ид', 'x'.repeat(200)]) {
      const full = rfc2104(key, Buffer.from(id, 'utf8'));
      expect(hasher.digest(id).toString('hex')).toBe(full.toString('hex'));
      expect(hasher.hash(id)).toBe(BigInt.asIntN(64, BigInt(`0x${full.subarray(0, 8).toString('hex')}`)).toString());
    }
  });

  it('should match RFC 4231 test case 2 when the construction is given its key', () => {
    // Key "Jefe", data "what do ya want for nothing?": the RFC's HMAC-SHA-256 value.
    expect(rfc2104(Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?')).toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('should give the same hash one by one and in bulk, as the signed decimal PostgreSQL reads, when ids are hashed', () => {
    const hasher = new CustomerIdHasher('a deployment secret');
    const ids = ['C10001', 'C10002', 'a-much-longer-customer-identifier-0001', 'Zoë-ünïcode-ид'];
    const halves = hasher.hashes(ids);
    ids.forEach((id, i) => {
      const fromHalves = BigInt.asIntN(64, (BigInt(halves[2 * i]) << 32n) | BigInt(halves[2 * i + 1]));
      expect(hasher.hash(id)).toBe(fromHalves.toString());
    });
    expect(new Set(ids.map((id) => hasher.hash(id))).size).toBe(ids.length);
  });

  it('should give other hashes under another secret, and refuse an empty secret', () => {
    expect(new CustomerIdHasher('secret one').hash('C10001')).not.toBe(new CustomerIdHasher('secret two').hash('C10001'));
    expect(new CustomerIdHasher('secret one').hash('C10001')).toBe(new CustomerIdHasher('secret one').hash('C10001'));
    expect(() => new CustomerIdHasher('')).toThrow('ERASURE_SALT');
  });
});
