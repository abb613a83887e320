import { PartitionTracker } from './partition-tracker';

const T0 = Date.parse('2026-01-31T12:00:00.000Z');

describe(PartitionTracker.name, () => {
  it('should report lag from the newest end offset and commit seen, from batches and from the probe alike', () => {
    const tracker = new PartitionTracker();
    tracker.assign({ features: [0, 1] }, T0);
    tracker.committed('features', 0, '50', '80', T0 + 1_000);
    tracker.probed('features', 0, '120', '40', T0 + 2_000);
    tracker.probed('features', 1, '10', '10', T0 + 2_000);

    expect(tracker.list()).toEqual([
      { topic: 'features', partition: 0, committedOffset: '50', highWatermark: '120', lag: 70, assigned: true, lastProgressAt: new Date(T0 + 1_000) },
      { topic: 'features', partition: 1, committedOffset: '10', highWatermark: '10', lag: 0, assigned: true, lastProgressAt: new Date(T0) },
    ]);
  });

  it('should claim no lag while either offset is unknown', () => {
    const tracker = new PartitionTracker();
    tracker.assign({ features: [0] }, T0);

    expect(tracker.list()[0]).toMatchObject({ committedOffset: '-1', highWatermark: '-1', lag: 0 });
  });

  it('should give each partition of a new assignment a fresh start and unassign the others when the group rebalances', () => {
    const tracker = new PartitionTracker();
    tracker.assign({ features: [0, 1] }, T0);
    tracker.committed('features', 0, '5', '9', T0 + 1_000);
    tracker.assign({ features: [1], promotions: [0] }, T0 + 60_000);

    expect(tracker.assigned()).toEqual([
      { topic: 'features', partition: 1 },
      { topic: 'promotions', partition: 0 },
    ]);
    expect(tracker.list().map((p) => [p.topic, p.partition, p.assigned, p.lastProgressAt.getTime() - T0])).toEqual([
      ['features', 0, false, 1_000],
      ['features', 1, true, 60_000],
      ['promotions', 0, true, 60_000],
    ]);
  });
});
