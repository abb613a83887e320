import { DlqHeaders, KafkaProducer, listDlq, topicRecordCount } from '@seg/kafka';
import { readRecords, waitFor } from '@seg/kafka/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startIngestionTestApp, type IngestionTestApp } from '../testing/ingestion-test-app';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..', '..', '..');
const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, name === 'TENURE' ? 12 : 1]));

/** `npm run dlq` as an operator runs it (the environment's brokers, read through .env like every npm script). */
async function dlq(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'dlq', '--', ...args], { cwd: ROOT, env: process.env, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run dlq, on the raw events the ingestion consumer rejected', () => {
  let service: IngestionTestApp;

  // An occurredAt at most one second ahead of the clock: an event from a source whose clock runs ahead is refused
  // now, and valid once its time has come. That is the "fixed" record; a negative balance never becomes valid.
  beforeAll(async () => {
    service = await startIngestionTestApp({ INGESTION_MAX_FUTURE_MS: '1000' });
  });

  afterAll(() => service?.close());

  it('should store the replayed events that are valid now, dead-letter the still-bad one once more, and send nothing on a second replay', async () => {
    const producer = service.app.get(KafkaProducer);
    const occurredAt = new Date(Date.now() + 6_000).toISOString();
    await producer.send(service.topics.raw, [
      { key: 'EARLY-1', value: { customerId: 'EARLY-1', occurredAt, features: { ...features, BALANCE: 25 } } },
      { key: 'BAD-1', value: { customerId: 'BAD-1', occurredAt: '2026-01-31T12:00:00Z', features: { ...features, BALANCE: -1 } } },
    ]);
    await readRecords(service.kafka, service.topics.rawDlq, 2, 30_000);

    const listed = await dlq('list', '--topic', service.topics.rawDlq);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${service.topics.rawDlq.replace(/\./g, '\\.')}: 2 record\\(s\\)\\n`));
    expect(listed.stdout).toMatch(/ {6}1 {2}validation failed: occurredAt: .* ahead of this service's clock/);
    expect(listed.stdout).toMatch(/ {6}1 {2}validation failed: BALANCE: -1 is below the minimum 0/);

    const dryRun = await dlq('replay', '--topic', service.topics.rawDlq, '--reason', 'below the minimum', '--dry-run');
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(new RegExp(`^\\d+/\\d+ → ${service.topics.raw.replace(/\./g, '\\.')}\\[\\d+\\] key "BAD-1": validation failed: BALANCE: -1 is below the minimum 0$`, 'm'));
    expect(dryRun.stdout).toContain(': read 2 record(s), 1 selected, would send 1 (dry run: nothing sent)\n');
    expect(await topicRecordCount(service.kafka, service.topics.raw)).toBe(2);

    await waitFor(() => Date.now() > Date.parse(occurredAt), "the early event's time", 10_000);
    const replayed = await dlq('replay', '--topic', service.topics.rawDlq);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain(`sent 2 to ${service.topics.raw}`);

    const stored = async () => (await service.dataSource.query(`SELECT customer_id, balance FROM customers ORDER BY 1`)) as { customer_id: string; balance: number }[];
    await waitFor(async () => (await stored()).length === 1, 'the early event stored', 30_000);
    expect(await stored()).toEqual([{ customer_id: 'EARLY-1', balance: 25 }]);
    // The two originals and the still-bad event once more (the replay's receipts are not records).
    await waitFor(async () => (await listDlq(service.kafka, service.topics.rawDlq)).records === 3, 'the still-bad event back in the DLQ', 30_000);
    const dead = await readRecords(service.kafka, service.topics.rawDlq, await topicRecordCount(service.kafka, service.topics.rawDlq));
    expect(dead.filter((r) => r.headers[DlqHeaders.replayCount] !== undefined).map((r) => [String(r.key), r.headers[DlqHeaders.replayCount], r.headers[DlqHeaders.reason]])).toEqual([
      ['BAD-1', '1', 'validation failed: BALANCE: -1 is below the minimum 0'],
    ]);
    const dlqRecords = dead.length;

    const second = await dlq('replay', '--topic', service.topics.rawDlq);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`read ${dlqRecords} record\\(s\\), 3 selected, sent 0\\n`));
    expect(second.stdout).toContain('skipped 1 sent back by an earlier replay');
    expect(second.stdout).toContain('skipped 1 replayed before and failed again');
    expect(second.stdout).toContain('skipped 1 already replayed 1 time(s)');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await topicRecordCount(service.kafka, service.topics.rawDlq)).toBe(dlqRecords);
    expect((await stored()).map((row) => row.customer_id)).toEqual(['EARLY-1']);
  });
});
