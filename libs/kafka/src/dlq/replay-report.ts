import { REPLAY_SKIP_MEANINGS, type ReplaySkip } from './replay-plan';
import { sentCount, type ReplayedRecord, type ReplaySummary } from './replay-dlq';

/** One line per record a dry run would send. */
export function formatReplayedRecord(record: ReplayedRecord): string {
  const target = record.partition === null ? record.topic : `${record.topic}[${record.partition}]`;
  return `${record.dlqPartition}/${record.dlqOffset} → ${target} key ${record.key === null ? '(none)' : JSON.stringify(record.key)}: ${record.reason}`;
}

/** What was sent (or would be), where to, what was skipped and why, and where to continue. */
export function formatReplaySummary(summary: ReplaySummary): string {
  const verb = summary.dryRun ? 'would send' : 'sent';
  const total = sentCount(summary);
  const lines = [`${summary.topic}: read ${summary.read} record(s), ${summary.selected} selected, ${verb} ${total}${summary.dryRun ? ' (dry run: nothing sent)' : ''}`];
  for (const [topic, count] of Object.entries(summary.sent).sort()) lines.push(`  ${verb} ${count} to ${topic}`);
  for (const [skip, count] of Object.entries(summary.skipped) as [ReplaySkip, number][]) {
    if (count > 0) lines.push(`  skipped ${count} ${REPLAY_SKIP_MEANINGS[skip]}`);
  }
  if (summary.readTo.length > 0) lines.push(`  read up to (exclusive): ${summary.readTo.map((p) => `partition ${p.partition} offset ${p.offset}`).join(', ')}`);
  return lines.join('\n');
}
