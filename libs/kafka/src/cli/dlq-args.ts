import { isDlqTopic } from '@seg/contracts';
import { parseArgs } from 'node:util';
import type { DlqSelection } from '../dlq/dlq-entry';

export const DLQ_USAGE = `usage:
  npm run dlq -- list   [--topic <dlq topic>] [--reason <text>] [--partition <n>] [--from <offset>] [--to <offset>] [--limit <n>] [--json]
  npm run dlq -- replay  --topic <dlq topic>  [--reason <text>] [--partition <n>] [--from <offset>] [--to <offset>] [--dry-run] [--force] [--json]

list    counts the records of a DLQ topic (every DLQ topic without --topic) by reason, with the first and last
        record of each (partition/offset and rejection time), reading from the beginning to the end offsets.
replay  sends the selected records back to their original topic and partition (key, value bytes, headers), marked
        dlq-replayed-from and dlq-replay-count. A record replayed once that fails again lands in the DLQ once more
        and is skipped by later replays (--force sends it again); truncated copies cannot be replayed and are counted.
--reason   a case-insensitive part of the dlq-reason header
--from/--to  offsets (inclusive) in the DLQ topic, in every partition or in --partition
--dry-run  prints what would be sent and sends nothing`;

export class DlqUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DlqUsageError';
  }
}

interface CommonArgs {
  readonly selection: DlqSelection;
  readonly json: boolean;
}

export type DlqCommand =
  | ({ readonly command: 'list'; readonly topic: string | null; readonly limit: number } & CommonArgs)
  | ({ readonly command: 'replay'; readonly topic: string; readonly dryRun: boolean; readonly force: boolean } & CommonArgs)
  | { readonly command: 'help' };

function wholeNumber(name: string, text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new DlqUsageError(`--${name} must be a whole number ≥ 0, got "${text}"`);
  return BigInt(text);
}

function dlqTopic(text: string): string {
  if (!isDlqTopic(text)) throw new DlqUsageError(`--topic "${text}" is not a DLQ topic (its name ends in .dlq.v<N>, e.g. customers.raw.dlq.v1)`);
  return text;
}

/** The command line of `npm run dlq`, checked; a mistake is a DlqUsageError naming the option. */
export function parseDlqArgs(argv: readonly string[]): DlqCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        topic: { type: 'string' },
        reason: { type: 'string' },
        partition: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new DlqUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (values.help || command === 'help' || command === undefined) return { command: 'help' };
  if (extra.length > 0) throw new DlqUsageError(`unexpected argument(s): ${extra.join(' ')}`);

  const partition = wholeNumber('partition', values.partition);
  const from = wholeNumber('from', values.from);
  const to = wholeNumber('to', values.to);
  if (from !== undefined && to !== undefined && from > to) throw new DlqUsageError(`--from (${from}) is after --to (${to})`);
  if (values.reason !== undefined && values.reason.trim() === '') throw new DlqUsageError('--reason must not be empty');
  const selection: DlqSelection = {
    ...(values.reason === undefined ? {} : { reason: values.reason }),
    ...(partition === undefined ? {} : { partition: Number(partition) }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };

  if (command === 'list') {
    if (values['dry-run'] || values.force) throw new DlqUsageError('--dry-run and --force are options of replay');
    const limit = wholeNumber('limit', values.limit);
    if (limit === 0n) throw new DlqUsageError('--limit must be at least 1');
    return { command, topic: values.topic === undefined ? null : dlqTopic(values.topic), limit: limit === undefined ? 20 : Number(limit), selection, json: values.json };
  }
  if (command === 'replay') {
    if (values.topic === undefined) throw new DlqUsageError('replay needs --topic <dlq topic>, e.g. --topic customers.raw.dlq.v1 (npm run dlq -- list shows them)');
    if (values.limit !== undefined) throw new DlqUsageError('--limit is an option of list');
    return { command, topic: dlqTopic(values.topic), selection, dryRun: values['dry-run'], force: values.force, json: values.json };
  }
  throw new DlqUsageError(`unknown command "${command}": expected list or replay`);
}
