import { DlqUsageError, parseDlqArgs } from './dlq-args';

const refusal = (argv: string[]) => {
  try {
    parseDlqArgs(argv);
  } catch (error) {
    if (error instanceof DlqUsageError) return error.message;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
};

describe(parseDlqArgs.name, () => {
  it('should read list with or without a topic, and the selection', () => {
    expect(parseDlqArgs(['list'])).toEqual({ command: 'list', topic: null, limit: 20, selection: {}, json: false });
    expect(parseDlqArgs(['list', '--topic', 'customers.raw.dlq.v1', '--reason', 'occurredAt', '--partition', '2', '--from', '10', '--to', '20', '--limit', '5', '--json'])).toEqual({
      command: 'list',
      topic: 'customers.raw.dlq.v1',
      limit: 5,
      selection: { reason: 'occurredAt', partition: 2, from: 10n, to: 20n },
      json: true,
    });
  });

  it('should read replay with its dry-run and force flags', () => {
    expect(parseDlqArgs(['replay', '--topic', 'it.x.customers.raw.dlq.v1', '--dry-run'])).toEqual({
      command: 'replay',
      topic: 'it.x.customers.raw.dlq.v1',
      selection: {},
      dryRun: true,
      force: false,
      json: false,
    });
    expect(parseDlqArgs(['replay', '--topic', 'customers.raw.dlq.v1', '--force', '--from', '3'])).toMatchObject({ force: true, dryRun: false, selection: { from: 3n } });
  });

  it('should show the usage for no command, help or -h', () => {
    expect(parseDlqArgs([])).toEqual({ command: 'help' });
    expect(parseDlqArgs(['help'])).toEqual({ command: 'help' });
    expect(parseDlqArgs(['replay', '-h'])).toEqual({ command: 'help' });
  });

  it('should name the mistake when an option or command is wrong', () => {
    expect(refusal(['replay'])).toMatch(/^replay needs --topic/);
    expect(refusal(['replay', '--topic', 'customers.raw.v1'])).toMatch(/"customers.raw.v1" is not a DLQ topic/);
    expect(refusal(['list', '--from=-1'])).toBe('--from must be a whole number ≥ 0, got "-1"');
    expect(refusal(['list', '--partition', 'two'])).toBe('--partition must be a whole number ≥ 0, got "two"');
    expect(refusal(['list', '--from', '9', '--to', '3'])).toBe('--from (9) is after --to (3)');
    expect(refusal(['list', '--force'])).toBe('--dry-run and --force are options of replay');
    expect(refusal(['replay', '--topic', 'a.dlq.v1', '--limit', '3'])).toBe('--limit is an option of list');
    expect(refusal(['list', '--reason', ' '])).toBe('--reason must not be empty');
    expect(refusal(['list', '--limit', '0'])).toBe('--limit must be at least 1');
    expect(refusal(['purge'])).toBe('unknown command "purge": expected list or replay');
    expect(refusal(['list', '--bogus'])).toMatch(/bogus/);
    expect(refusal(['list', 'extra'])).toBe('unexpected argument(s): extra');
  });
});
