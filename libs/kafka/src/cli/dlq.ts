import { createKafkaClient } from '../client/kafka-client';
import { kafkaConfigFromEnv } from '../config/kafka-config';
import { dlqTopicsOnCluster, listDlq, type ScanProgress } from '../dlq/list-dlq';
import { formatDlqSummary } from '../dlq/dlq-summary';
import { replayDlq, ReplayFailedError, type ReplayProgress } from '../dlq/replay-dlq';
import { formatReplayedRecord, formatReplaySummary } from '../dlq/replay-report';
import { DLQ_USAGE, DlqUsageError, parseDlqArgs, type DlqCommand } from './dlq-args';

// Exit codes: 0 done, 1 failed (the broker, a replay stopped part-way), 2 a mistake on the command line.

// Progress goes to stderr, at most a few times a second, so that stdout holds only the result.
function throttled<T extends unknown[]>(write: (...args: T) => string): (...args: T) => void {
  let last = 0;
  return (...args) => {
    if (Date.now() - last < 250) return;
    last = Date.now();
    process.stderr.write(`${write(...args)}\n`);
  };
}

const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);

async function run(command: Exclude<DlqCommand, { command: 'help' }>): Promise<number> {
  const client = createKafkaClient(kafkaConfigFromEnv());
  if (command.command === 'list') {
    const topics = command.topic === null ? await dlqTopicsOnCluster(client) : [command.topic];
    if (topics.length === 0) console.error('No DLQ topic on the cluster (npm run topics creates the platform topics).');
    const summaries = [];
    for (const topic of topics) {
      const onProgress: ScanProgress = throttled((read, total) => `${topic}: read ${read} of ${total}`);
      const summary = await listDlq(client, topic, { selection: command.selection, onProgress });
      summaries.push(summary);
      if (!command.json) console.log(formatDlqSummary(summary, command.limit));
    }
    if (command.json) console.log(json(summaries));
    return 0;
  }

  const onProgress = throttled((p: ReplayProgress) =>
    p.phase === 'scan' ? `${command.topic}: looking for replays that failed again, read ${p.read} of ${p.total}` : `${command.topic}: read ${p.read} of ${p.total}, ${command.dryRun ? 'would send' : 'sent'} ${p.sent}`,
  );
  // A dry run lists every record it would send; a real one reports progress only.
  const onRecord = command.dryRun && !command.json ? (record: Parameters<typeof formatReplayedRecord>[0]) => console.log(formatReplayedRecord(record)) : undefined;
  try {
    const summary = await replayDlq(client, command.topic, { selection: command.selection, dryRun: command.dryRun, force: command.force, onProgress, onRecord });
    console.log(command.json ? json(summary) : formatReplaySummary(summary));
    return 0;
  } catch (error) {
    if (!(error instanceof ReplayFailedError)) throw error;
    console.error(error.message);
    console.log(command.json ? json(error.summary) : formatReplaySummary(error.summary));
    return 1;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let command: DlqCommand;
  try {
    command = parseDlqArgs(argv);
  } catch (error) {
    if (!(error instanceof DlqUsageError)) throw error;
    console.error(`${error.message}\n\n${DLQ_USAGE}`);
    return 2;
  }
  if (command.command === 'help') {
    console.log(DLQ_USAGE);
    return 0;
  }
  return run(command);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`npm run dlq failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
