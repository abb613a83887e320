import { CountWindow } from './count-window';

/** Counts `events` events into bin `bin` of the window's block at `atMs` (what observeRows does per row). */
function record(window: CountWindow, atMs: number, events: number, bin = 0): void {
  const block = window.blockAt(atMs);
  block.counts[bin] += events;
  block.total += events;
}

describe(CountWindow.name, () => {
  it('should hold the last maxEvents events to within a slice, the oldest blocks dropped', () => {
    const window = new CountWindow(2, { maxEvents: 1000, slices: 10 });
    // 30 batches of 100 events: bin 0 for the first 2,000 events, bin 1 for the last 1,000.
    for (let b = 0; b < 30; b++) record(window, b, 100, b < 20 ? 0 : 1);
    const counts = window.counts(30);
    expect(counts.total).toBeGreaterThanOrEqual(1000);
    expect(counts.total).toBeLessThanOrEqual(1100);
    expect(counts.counts[1]).toBe(1000);
    expect(counts.counts[0]).toBe(counts.total - 1000);
  });

  it('should keep every event while fewer than maxEvents arrived', () => {
    const window = new CountWindow(1, { maxEvents: 50_000 });
    for (let b = 0; b < 7; b++) record(window, b, 300);
    expect(window.counts(7).total).toBe(2100);
  });

  it('should leave out events older than maxAgeMs, also when nothing new arrives', () => {
    const hour = 3_600_000;
    const window = new CountWindow(1, { maxAgeMs: 24 * hour, slices: 24 });
    for (let h = 0; h < 48; h++) record(window, h * hour, 10);
    // Events of hours 23…47 (the block of hour 23 ends within the window), 10 each.
    expect(window.counts(47 * hour).total).toBeGreaterThanOrEqual(240);
    expect(window.counts(47 * hour).total).toBeLessThanOrEqual(250);
    expect(window.counts(60 * hour).total).toBeLessThanOrEqual(120);
    expect(window.counts(72 * hour).total).toBe(0);
  });

  it('should apply whichever limit is smaller when given both', () => {
    const window = new CountWindow(1, { maxEvents: 1000, maxAgeMs: 100, slices: 10 });
    for (let t = 0; t < 200; t++) record(window, t, 1);
    expect(window.counts(199).total).toBeLessThanOrEqual(110);
    // 5,000 events within the last 100 ms: the event limit holds it to 1,000 and at most a batch more.
    for (let t = 200; t < 205; t++) record(window, t, 1000);
    expect(window.counts(204).total).toBeGreaterThanOrEqual(1000);
    expect(window.counts(204).total).toBeLessThanOrEqual(2000);
  });

  it('should hold at most slices + 1 blocks however small the batches', () => {
    const window = new CountWindow(160, { maxEvents: 50_000, maxAgeMs: 86_400_000, slices: 20 });
    for (let t = 0; t < 200_000; t++) record(window, t * 10, 1);
    expect(window.blockCount).toBeLessThanOrEqual(21);
    expect(window.counts(2_000_000).total).toBeGreaterThanOrEqual(50_000);
    expect(window.counts(2_000_000).total).toBeLessThanOrEqual(52_500);
  });

  it('should return a copy that later events do not change, and start afresh when cleared', () => {
    const window = new CountWindow(1, { maxEvents: 100 });
    record(window, 0, 40);
    const snapshot = window.counts(0);
    record(window, 1, 40);
    expect(snapshot.total).toBe(40);
    window.clear();
    expect(window.counts(2).total).toBe(0);
    record(window, 3, 5);
    expect(window.counts(3).total).toBe(5);
  });

  it('should refuse a window without a limit or with a bad one, listing every problem', () => {
    expect(() => new CountWindow(1, {})).toThrow('invalid count window: give maxEvents, maxAgeMs or both');
    expect(() => new CountWindow(1, { maxEvents: 0, maxAgeMs: -1, slices: 0.5 })).toThrow(
      'invalid count window: maxEvents must be > 0, got 0; maxAgeMs must be > 0, got -1; slices must be an integer ≥ 1, got 0.5',
    );
  });
});
