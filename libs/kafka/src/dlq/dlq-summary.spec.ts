import type { DlqEntry } from './dlq-entry';
import { dlqEntryRef } from './dlq-entry';
import { DlqSummaryBuilder, formatDlqSummary } from './dlq-summary';
import { formatReplayedRecord, formatReplaySummary } from './replay-report';

function entry(partition: number, offset: string, reason: string, failedAt: string | null, extra: Partial<DlqEntry> = {}): DlqEntry {
  return {
    partition,
    offset,
    key: null,
    value: null,
    headers: {},
    reason,
    originalTopic: 'customers.raw.v1',
    originalPartition: partition,
    originalOffset: offset,
    failedAt,
    truncated: false,
    replayCount: 0,
    replayedFrom: null,
    receipt: null,
    ...extra,
  };
}

describe(DlqSummaryBuilder.name, () => {
  it('should count by reason, largest first, with the earliest and latest record of each by rejection time', () => {
    const builder = new DlqSummaryBuilder('customers.raw.dlq.v1');
    builder.add(entry(1, '5', 'invalid JSON', '2026-02-01T10:00:00.000Z'));
    builder.add(entry(0, '9', 'bad balance', '2026-02-01T09:00:00.000Z'));
    builder.add(entry(2, '1', 'invalid JSON', '2026-02-01T08:00:00.000Z', { truncated: true }));
    builder.add(entry(0, '12', 'invalid JSON', '2026-02-01T11:00:00.000Z', { replayCount: 1 }));
    // A receipt of the replay that sent 1/5 back: noted, not a record.
    builder.add(entry(2, '2', 'r', null, { receipt: [dlqEntryRef('customers.raw.dlq.v1', { partition: 1, offset: '5' }), 'customers.raw.dlq.v1/9/9'] }));

    const summary = builder.build();

    expect(summary).toEqual({
      topic: 'customers.raw.dlq.v1',
      records: 4,
      truncated: 1,
      replays: 1,
      replayed: 1,
      reasons: [
        { reason: 'invalid JSON', count: 3, first: { partition: 2, offset: '1', failedAt: '2026-02-01T08:00:00.000Z' }, last: { partition: 0, offset: '12', failedAt: '2026-02-01T11:00:00.000Z' } },
        { reason: 'bad balance', count: 1, first: { partition: 0, offset: '9', failedAt: '2026-02-01T09:00:00.000Z' }, last: { partition: 0, offset: '9', failedAt: '2026-02-01T09:00:00.000Z' } },
      ],
    });
    expect(formatDlqSummary(summary, 1).split('\n')).toEqual([
      'customers.raw.dlq.v1: 4 record(s), 1 sent back by a replay, 1 replay(s) that failed again, 1 truncated (not replayable)',
      '        3  invalid JSON',
      '           first 2/1 (2026-02-01T08:00:00.000Z), last 0/12 (2026-02-01T11:00:00.000Z)',
      '  … 1 more reason(s): --limit raises the number shown, --reason filters',
    ]);
  });

  it('should order records of the same time by partition and numeric offset', () => {
    const builder = new DlqSummaryBuilder('t.dlq.v1');
    builder.add(entry(0, '10', 'r', null));
    builder.add(entry(0, '9', 'r', null));
    const [reason] = builder.build().reasons;
    expect([reason.first.offset, reason.last.offset]).toEqual(['9', '10']);
    expect(formatDlqSummary(builder.build())).toContain('first 0/9, last 0/10');
  });

  it('should count only the records the selection picks', () => {
    const builder = new DlqSummaryBuilder('t.dlq.v1', { reason: 'json', partition: 1 });
    builder.add(entry(1, '1', 'invalid JSON', null));
    builder.add(entry(0, '1', 'invalid JSON', null));
    builder.add(entry(1, '2', 'bad balance', null));
    expect(builder.build()).toMatchObject({ records: 1, reasons: [{ reason: 'invalid JSON', count: 1 }] });
  });
});

describe(formatReplaySummary.name, () => {
  it('should say what was sent where, what was skipped and why, and where the replay read up to', () => {
    const text = formatReplaySummary({
      topic: 'customers.raw.dlq.v1',
      dryRun: true,
      read: 5,
      selected: 4,
      sent: { 'customers.raw.v1': 2 },
      skipped: { truncated: 1, 'no-original-topic': 0, 'foreign-topic': 0, 'failed-again': 0, replayed: 0, 'replay-limit': 1 },
      readTo: [{ partition: 0, offset: '5' }],
    });
    expect(text.split('\n')).toEqual([
      'customers.raw.dlq.v1: read 5 record(s), 4 selected, would send 2 (dry run: nothing sent)',
      '  would send 2 to customers.raw.v1',
      '  skipped 1 truncated copies (the whole record is only in the original topic, at dlq-original-partition/-offset)',
      '  skipped 1 already replayed 1 time(s) (--force sends them again)',
      '  read up to (exclusive): partition 0 offset 5',
    ]);
    expect(formatReplayedRecord({ dlqPartition: 0, dlqOffset: '3', topic: 'customers.raw.v1', partition: 2, key: 'C1', reason: 'bad' })).toBe('0/3 → customers.raw.v1[2] key "C1": bad');
  });
});
