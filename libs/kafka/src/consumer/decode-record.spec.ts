import { decodeHeaders, decodeValue } from './decode-record';

const positiveNumber = (value: unknown): { n: number } => {
  const n = (value as { n?: unknown } | null)?.n;
  if (typeof n !== 'number' || n <= 0) throw new Error('n must be a positive number');
  return { n };
};

describe(decodeValue.name, () => {
  it('should parse JSON when no validator is given', () => {
    expect(decodeValue(Buffer.from('{"n":1}'))).toEqual({ ok: true, value: { n: 1 } });
  });

  it('should reject with the parser message when the bytes are not JSON', () => {
    const result = decodeValue(Buffer.from('{"n":'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^invalid JSON: /);
    expect(!result.ok && result.kind).toBe('invalid-json');
  });

  it('should reject with the validator message when validation fails, and keep the validated value when it passes', () => {
    expect(decodeValue(Buffer.from('{"n":-1}'), positiveNumber)).toEqual({ ok: false, reason: 'validation failed: n must be a positive number', kind: 'invalid-record' });
    expect(decodeValue(Buffer.from('{"n":2,"extra":true}'), positiveNumber)).toEqual({ ok: true, value: { n: 2 } });
  });

  it('should hand a tombstone to the validator as null when the value is empty', () => {
    expect(decodeValue(null)).toEqual({ ok: true, value: null });
    expect(decodeValue(null, positiveNumber).ok).toBe(false);
  });

  it('should hand a tombstone unvalidated as null, and still validate a JSON null, when tombstones are asked for', () => {
    expect(decodeValue(null, positiveNumber, true)).toEqual({ ok: true, value: null });
    expect(decodeValue(Buffer.from('null'), positiveNumber, true).ok).toBe(false);
  });
});

describe(decodeHeaders.name, () => {
  it('should decode buffers to text and keep the last of repeated headers', () => {
    expect(decodeHeaders({ a: Buffer.from('x'), b: ['1', Buffer.from('2')], c: undefined })).toEqual({ a: 'x', b: '2' });
  });
});
