import { dlqEntryRef, isSelected, type DlqEntry, type DlqSelection } from './dlq-entry';

/** One DLQ record's place and rejection time. */
export interface DlqPosition {
  readonly partition: number;
  readonly offset: string;
  readonly failedAt: string | null;
}

export interface DlqReasonCount {
  readonly reason: string;
  readonly count: number;
  /** The earliest rejection of this reason (by dlq-failed-at, then partition and offset), and the latest. */
  readonly first: DlqPosition;
  readonly last: DlqPosition;
}

export interface DlqSummary {
  readonly topic: string;
  /** Records selected (all of the topic without a selection). */
  readonly records: number;
  /** Of those, copies cut down because the broker refused the whole record: not replayable. */
  readonly truncated: number;
  /** Of those, replays that failed again. */
  readonly replays: number;
  /** Of those, the ones a replay already sent back (a receipt names them). */
  readonly replayed: number;
  /** By count, largest first. */
  readonly reasons: readonly DlqReasonCount[];
}

const positionOf = (entry: DlqEntry): DlqPosition => ({ partition: entry.partition, offset: entry.offset, failedAt: entry.failedAt });

/** Earlier first: by rejection time (an entry without one sorts first), then partition, then offset. */
export function comparePositions(a: DlqPosition, b: DlqPosition): number {
  const byTime = (a.failedAt ?? '').localeCompare(b.failedAt ?? '');
  if (byTime !== 0) return byTime;
  if (a.partition !== b.partition) return a.partition - b.partition;
  const [x, y] = [BigInt(a.offset), BigInt(b.offset)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Counts the selected DLQ records by reason as they are read, keeping one line per reason; receipts are noted, not counted. */
export class DlqSummaryBuilder {
  private readonly byReason = new Map<string, { count: number; first: DlqPosition; last: DlqPosition }>();
  private readonly selectedRefs = new Set<string>();
  private readonly receipted = new Set<string>();
  private records = 0;
  private truncated = 0;
  private replays = 0;

  constructor(
    private readonly topic: string,
    private readonly selection: DlqSelection = {},
  ) {}

  add(entry: DlqEntry): void {
    if (entry.receipt !== null) {
      for (const ref of entry.receipt) this.receipted.add(ref);
      return;
    }
    if (!isSelected(entry, this.selection)) return;
    this.records++;
    this.selectedRefs.add(dlqEntryRef(this.topic, entry));
    if (entry.truncated) this.truncated++;
    if (entry.replayCount > 0) this.replays++;
    const position = positionOf(entry);
    const current = this.byReason.get(entry.reason);
    if (!current) {
      this.byReason.set(entry.reason, { count: 1, first: position, last: position });
      return;
    }
    current.count++;
    if (comparePositions(position, current.first) < 0) current.first = position;
    if (comparePositions(position, current.last) > 0) current.last = position;
  }

  build(): DlqSummary {
    const reasons = [...this.byReason].map(([reason, counts]) => ({ reason, ...counts }));
    reasons.sort((a, b) => b.count - a.count || comparePositions(a.first, b.first));
    const replayed = [...this.selectedRefs].filter((ref) => this.receipted.has(ref)).length;
    return { topic: this.topic, records: this.records, truncated: this.truncated, replays: this.replays, replayed, reasons };
  }
}

const at = (position: DlqPosition) => `${position.partition}/${position.offset}${position.failedAt ? ` (${position.failedAt})` : ''}`;

/** The summary as an operator reads it: totals, then one line per reason with its first and last record. */
export function formatDlqSummary(summary: DlqSummary, maxReasons = Number.POSITIVE_INFINITY): string {
  const notes = [
    summary.replayed > 0 ? `${summary.replayed} sent back by a replay` : '',
    summary.replays > 0 ? `${summary.replays} replay(s) that failed again` : '',
    summary.truncated > 0 ? `${summary.truncated} truncated (not replayable)` : '',
  ].filter((note) => note !== '');
  const lines = [`${summary.topic}: ${summary.records} record(s)${notes.map((note) => `, ${note}`).join('')}`];
  for (const reason of summary.reasons.slice(0, maxReasons)) {
    lines.push(`  ${String(reason.count).padStart(7)}  ${reason.reason}`, `           first ${at(reason.first)}, last ${at(reason.last)}`);
  }
  const hidden = summary.reasons.length - Math.min(maxReasons, summary.reasons.length);
  if (hidden > 0) lines.push(`  … ${hidden} more reason(s): --limit raises the number shown, --reason filters`);
  return lines.join('\n');
}
