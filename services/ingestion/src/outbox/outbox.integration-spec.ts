import { FEATURE_NAMES } from '@seg/ml';
import type { DataSource } from 'typeorm';
import { OutboxPairedRecords1764500000000 } from '../migrations/1764500000000-outbox-paired-records';
import { startIngestionTestApp, type IngestionTestApp } from '../testing/ingestion-test-app';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository, type OutboxRecord } from './outbox.repository';

jest.setTimeout(120_000);

const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
const csv = (ids: string[], balance: number): string =>
  `${[HEADER, ...ids.map((id) => [id, String(balance), ...FEATURE_NAMES.slice(1).map(() => '1')].join(','))].join('\n')}\n`;

describe(OutboxRepository.name, () => {
  let service: IngestionTestApp;
  let outbox: OutboxRepository;
  const stored = (): Promise<{ keys: string; messages: number }[]> =>
    service.dataSource.query(`SELECT regexp_replace(records, E'\\t[^\\n]*', '', 'g') AS keys, messages FROM outbox ORDER BY id`);

  beforeAll(async () => {
    service = await startIngestionTestApp();
    outbox = service.app.get(OutboxRepository);
    // Stopped, so the outbox keeps what the tests write until they claim it themselves.
    await service.app.get(OutboxRelay).onModuleDestroy();
  });

  afterAll(() => service?.close());

  beforeEach(() => service.dataSource.query('DELETE FROM outbox'));

  it('should write one outbox row holding every changed customer, and none when the same file comes again', async () => {
    await service.postCsv(csv(['O1', 'O2', 'O3'], 10));
    await service.postCsv(csv(['O1', 'O2', 'O3'], 10));

    expect(await stored()).toEqual([{ keys: 'O1\nO2\nO3', messages: 3 }]);
    const published: OutboxRecord[] = [];
    await outbox.claimOldest(100, async (records) => void published.push(...records));
    expect(published.map((record) => [record.key, JSON.parse(record.payload ?? 'null').customerId, JSON.parse(record.payload ?? 'null').features.BALANCE])).toEqual([
      ['O1', 'O1', 10],
      ['O2', 'O2', 10],
      ['O3', 'O3', 10],
    ]);
    expect(await outbox.count()).toBe(0);
  });

  it('should claim whole rows in id order up to the message budget, at least one row, when rows hold several messages', async () => {
    for (const [keys, messages] of [['A1\nA2\nA3', 3], ['B1', 1], ['C1\nC2\nC3\nC4\nC5', 5], ['D1', 1]] as const) {
      await service.dataSource.query(`INSERT INTO outbox (topic, records, messages) VALUES ('t', $1, $2)`, [keys.replace(/\w+/g, '$&\t{}'), messages]);
    }
    const claims: string[][] = [];
    const claim = (limit: number) => outbox.claimOldest(limit, async (records) => void claims.push(records.map((record) => record.key)));

    expect(await claim(4)).toBe(4);
    expect(await claim(4)).toBe(5);
    expect(await claim(4)).toBe(1);
    expect(await claim(4)).toBe(0);

    expect(claims).toEqual([['A1', 'A2', 'A3', 'B1'], ['C1', 'C2', 'C3', 'C4', 'C5'], ['D1']]);
  });

  it('should keep the claimed rows when publishing fails', async () => {
    await service.postCsv(csv(['P1', 'P2'], 20));

    await expect(outbox.claimOldest(100, () => Promise.reject(new Error('broker down')))).rejects.toThrow('broker down');

    expect(await stored()).toEqual([{ keys: 'P1\nP2', messages: 2 }]);
    expect(await outbox.count()).toBe(2);
  });
});

/** Undoes the migrations applied after `name`, then `name` itself: the test of a migration outlives the ones added after it. */
async function undoMigrationsThrough(dataSource: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last]: { name: string }[] = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
    await dataSource.undoLastMigration();
    if (last.name === name) return;
  }
}

describe('outbox migration to paired records', () => {
  let service: IngestionTestApp;

  afterAll(() => service?.close());

  it('should keep each key with its payload when the rows waiting in the outbox are migrated down and up again', async () => {
    service = await startIngestionTestApp();
    await service.app.get(OutboxRelay).onModuleDestroy();
    await service.dataSource.query(`INSERT INTO outbox (topic, records, messages) VALUES ('t', $1, 2)`, ['M1\t{"n":1}\nM2\t{"n":2}']);

    await undoMigrationsThrough(service.dataSource, OutboxPairedRecords1764500000000.name);
    expect(await service.dataSource.query(`SELECT keys, payloads, messages FROM outbox`)).toEqual([{ keys: 'M1\nM2', payloads: '{"n":1}\n{"n":2}', messages: 2 }]);
    await service.dataSource.query(`INSERT INTO outbox (topic, keys, payloads, messages) VALUES ('t', 'N1', '{"n":3}', 1)`);
    await service.dataSource.runMigrations();

    const published: OutboxRecord[] = [];
    await service.app.get(OutboxRepository).claimOldest(100, async (records) => void published.push(...records));
    expect(published).toEqual([
      { topic: 't', key: 'M1', payload: '{"n":1}' },
      { topic: 't', key: 'M2', payload: '{"n":2}' },
      { topic: 't', key: 'N1', payload: '{"n":3}' },
    ]);
  });
});
