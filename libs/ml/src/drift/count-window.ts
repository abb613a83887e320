import { BinCounts } from './bin-counts';

export interface CountWindowOptions {
  /** Keep the last this many events (to within one slice). */
  readonly maxEvents?: number;
  /** Keep the events of the last this many milliseconds (to within one slice). */
  readonly maxAgeMs?: number;
  /** Blocks per window: the resolution of its edge. Default 20, i.e. the window is exact to 5 %. */
  readonly slices?: number;
}

interface Block {
  readonly counts: BinCounts;
  firstMs: number;
  lastMs: number;
}

const DEFAULT_SLICES = 20;

/**
 * The counts of a recent window of events ("the last 50,000 events", "the last 24 h", or both: whichever is
 * smaller) as a ring of count blocks. Events are counted into the open block; a block closes once it holds
 * a slice of the window (maxEvents / slices events, or maxAgeMs / slices of time) and the oldest closed
 * blocks drop out once the newer ones cover the window. Memory is slices + 1 blocks whatever the traffic,
 * reading the window is one sum kept up to date plus the open block, and the window is exact to a slice:
 * it holds at least the last maxEvents events, at most a slice (plus the last batch) more.
 */
export class CountWindow {
  private readonly blocks: Block[] = [];
  private readonly spare: BinCounts[] = [];
  /** The closed blocks' sum. */
  private readonly closed: BinCounts;
  private open: Block | null = null;
  private readonly sliceEvents: number;
  private readonly sliceMs: number;

  constructor(
    readonly binCount: number,
    readonly options: CountWindowOptions,
  ) {
    const { maxEvents = Infinity, maxAgeMs = Infinity, slices = DEFAULT_SLICES } = options;
    const problems: string[] = [];
    if (!(maxEvents > 0)) problems.push(`maxEvents must be > 0, got ${maxEvents}`);
    if (!(maxAgeMs > 0)) problems.push(`maxAgeMs must be > 0, got ${maxAgeMs}`);
    if (maxEvents === Infinity && maxAgeMs === Infinity) problems.push('give maxEvents, maxAgeMs or both');
    if (!(Number.isInteger(slices) && slices >= 1)) problems.push(`slices must be an integer ≥ 1, got ${slices}`);
    if (problems.length > 0) throw new RangeError(`invalid count window: ${problems.join('; ')}`);
    this.sliceEvents = maxEvents / slices;
    this.sliceMs = maxAgeMs / slices;
    this.closed = new BinCounts(binCount);
  }

  /**
   * The block to count events that arrive at `atMs` into: the open one, or a new one when the open block
   * holds a full slice. Count into it straight away (`observeRows`), before the next call.
   */
  blockAt(atMs: number): BinCounts {
    const open = this.open;
    if (open !== null && (open.counts.total >= this.sliceEvents || atMs - open.firstMs >= this.sliceMs)) this.close(open);
    if (this.open === null) this.open = { counts: this.spare.pop()?.clear() ?? new BinCounts(this.binCount), firstMs: atMs, lastMs: atMs };
    this.open.lastMs = Math.max(this.open.lastMs, atMs);
    this.evict(atMs);
    return this.open.counts;
  }

  /** The window's counts at `nowMs`: blocks whose events are all older than maxAgeMs are left out. A new object. */
  counts(nowMs: number): BinCounts {
    this.evict(nowMs);
    const sum = this.closed.copy();
    if (this.open !== null && !this.tooOld(this.open, nowMs)) sum.add(this.open.counts);
    return sum;
  }

  /** Blocks held, the open one included: never more than slices + 1 while events keep arriving. */
  get blockCount(): number {
    return this.blocks.length + (this.open === null ? 0 : 1);
  }

  /** Forget everything (a new champion). */
  clear(): void {
    for (const block of this.blocks) this.spare.push(block.counts);
    this.blocks.length = 0;
    if (this.open !== null) this.spare.push(this.open.counts);
    this.open = null;
    this.closed.clear();
  }

  private close(block: Block): void {
    this.blocks.push(block);
    this.closed.add(block.counts);
    this.open = null;
  }

  private tooOld(block: Block, nowMs: number): boolean {
    return nowMs - block.lastMs > (this.options.maxAgeMs ?? Infinity);
  }

  private evict(nowMs: number): void {
    const maxEvents = this.options.maxEvents ?? Infinity;
    const openTotal = this.open === null ? 0 : this.open.counts.total;
    while (this.blocks.length > 0) {
      const oldest = this.blocks[0];
      // Drop the oldest block when the newer ones still hold maxEvents without it, or when all of it is too old.
      if (this.closed.total - oldest.counts.total + openTotal < maxEvents && !this.tooOld(oldest, nowMs)) break;
      this.blocks.shift();
      this.closed.add(oldest.counts, -1);
      this.spare.push(oldest.counts);
    }
    if (this.open !== null && this.tooOld(this.open, nowMs)) {
      this.spare.push(this.open.counts);
      this.open = null;
    }
  }
}
