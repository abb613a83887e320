import { CustomerIdHasher } from './customer-id-hash';

describe(CustomerIdHasher.name, () => {
  // The SipHash paper's key 00 01 … 0f and messages 00 01 … (n - 1): its appendix and the reference implementation's vectors.
  const paperKey = Uint8Array.from({ length: 16 }, (_, i) => i);
  const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

  it('should give the reference SipHash-2-4 values when hashing the paper vectors', () => {
    const hasher = CustomerIdHasher.withRawKey(paperKey);
    expect(hasher.hexOf(message(0))).toBe('726fdb47dd0e0e31');
    expect(hasher.hexOf(message(1))).toBe('74f839c593dc67fd');
    expect(hasher.hexOf(message(7))).toBe('ab0200f58b01d137');
    expect(hasher.hexOf(message(8))).toBe('93f5f5799a932462');
    expect(hasher.hexOf(message(15))).toBe('a129ca6149be45e5');
    expect(hasher.hexOf(message(63))).toBe('958a324ceb064572');
  });

  it('should give the same hash one by one and in bulk, as the signed decimal PostgreSQL reads, when ids are hashed', () => {
    const hasher = new CustomerIdHasher('a deployment secret');
    const ids = ['C10001', 'C10002', 'a-much-longer-customer-identifier-0001', 'Zoë-ünïcode-ид'];
    const halves = hasher.hashes(ids);
    ids.forEach((id, i) => {
      const fromHalves = BigInt.asIntN(64, (BigInt(halves[2 * i]) << 32n) | BigInt(halves[2 * i + 1]));
      expect(hasher.hash(id)).toBe(fromHalves.toString());
    });
  });

  it('should hash a non-ASCII id as its UTF-8 bytes', () => {
    const hasher = new CustomerIdHasher('a deployment secret');
    const id = 'Zoë-ид';
    const viaBytes = BigInt.asIntN(64, BigInt(`0x${hasher.hexOf(new TextEncoder().encode(id))}`)).toString();
    expect(hasher.hash(id)).toBe(viaBytes);
  });

  it('should give other hashes under another secret, and refuse an empty secret', () => {
    expect(new CustomerIdHasher('secret one').hash('C10001')).not.toBe(new CustomerIdHasher('secret two').hash('C10001'));
    expect(new CustomerIdHasher('secret one').hash('C10001')).toBe(new CustomerIdHasher('secret one').hash('C10001'));
    expect(() => new CustomerIdHasher('')).toThrow('ERASURE_SALT');
  });
});
