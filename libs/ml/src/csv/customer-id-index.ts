const MIN_CAPACITY = 16;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MURMUR_SEED = 0x9747b28c;
const MURMUR_M = 0x5bd1e995;

/**
 * A positive number per customer id — the line of every accepted id of a file, or each id's position
 * in a batch — in 12 bytes a slot and without holding the id strings (a substring can keep alive the
 * whole chunk it was cut from, which would defeat streaming).
 * An id is known by two independent 32-bit hashes, so a false "duplicate" needs a 64-bit collision:
 * about 3e-8 for a file of a million ids, and it would only add a warning, never drop a row.
 */
export class CustomerIdIndex {
  private hashes: Uint32Array;
  /** 0 marks an empty slot: data lines start at 2, after the header, and positions are stored + 1. */
  private lines: Uint32Array;
  private size = 0;

  /** Room for `expectedIds` before the first growth (default 2,048). */
  constructor(expectedIds = 1 << 11) {
    let capacity = MIN_CAPACITY;
    while (capacity < 2 * expectedIds) capacity *= 2;
    this.hashes = new Uint32Array(2 * capacity);
    this.lines = new Uint32Array(capacity);
  }

  /**
   * Records that `id` was accepted on `line`; returns the line it was accepted on before, or 0. With
   * `keepFirst` an id seen before keeps its earlier line (duplicates are rejected, not replaced).
   */
  put(id: string, line: number, keepFirst = false): number {
    let h1 = FNV_OFFSET;
    let h2 = MURMUR_SEED;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, FNV_PRIME);
      h2 = Math.imul(h2 ^ c, MURMUR_M);
      h2 ^= h2 >>> 15;
    }
    const previous = this.upsert(h1 >>> 0, h2 >>> 0, line, keepFirst);
    if (previous === 0 && ++this.size * 2 > this.lines.length) this.grow();
    return previous;
  }

  private upsert(h1: number, h2: number, line: number, keepFirst = false): number {
    const mask = this.lines.length - 1;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const stored = this.lines[slot];
      if (stored === 0) {
        this.hashes[2 * slot] = h1;
        this.hashes[2 * slot + 1] = h2;
        this.lines[slot] = line;
        return 0;
      }
      if (this.hashes[2 * slot] === h1 && this.hashes[2 * slot + 1] === h2) {
        if (!keepFirst) this.lines[slot] = line;
        return stored;
      }
    }
  }

  private grow(): void {
    const { hashes, lines } = this;
    this.hashes = new Uint32Array(hashes.length * 2);
    this.lines = new Uint32Array(lines.length * 2);
    for (let slot = 0; slot < lines.length; slot++) {
      if (lines[slot] !== 0) this.upsert(hashes[2 * slot], hashes[2 * slot + 1], lines[slot]);
    }
  }
}
