import type { DataSource } from 'typeorm';
import { dbConfigFromEnv } from '../config/db-config';
import { createDataSource } from '../data-source/data-source.factory';
import { createThrowawaySchema, type ThrowawaySchema } from '../testing';
import { CREATE_ERASED_CUSTOMERS_TABLE, ErasureGuard } from './erased-customers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(ErasureGuard.name, () => {
  // Two data sources stand for a writer and an eraser in two processes.
  let schema: ThrowawaySchema;
  let writer: DataSource;
  let eraser: DataSource;
  const guard = ErasureGuard.fromSecret('an integration-test erasure secret');

  beforeAll(async () => {
    schema = await createThrowawaySchema('it_erasure');
    [writer, eraser] = await Promise.all([1, 2].map(() => createDataSource({ ...dbConfigFromEnv(), schema: schema.name })));
    await writer.query(CREATE_ERASED_CUSTOMERS_TABLE);
    await writer.query(`CREATE TABLE customers (customer_id text PRIMARY KEY)`);
  });

  afterAll(async () => {
    await Promise.all([writer?.destroy(), eraser?.destroy()]);
    await schema?.drop();
  });

  it('should report the erased customers of a write by position, and store only hashes, when customers were erased', async () => {
    expect(await eraser.transaction((manager) => guard.erase(manager, ['E1', 'E2', 'E1']))).toEqual(['E1', 'E2']);
    expect(await eraser.transaction((manager) => guard.erase(manager, ['E2', 'E3']))).toEqual(['E3']);

    const erased = await writer.transaction((manager) => guard.admit(manager, ['A1', 'E2', 'A2', 'E1']));

    expect([...erased].sort()).toEqual([1, 3]);
    await writer.query(`DELETE FROM erased_customers WHERE id_hash = $1`, [guard.idHash('E3')]);
    const stored: { id_hash: string }[] = await writer.query(`SELECT id_hash FROM erased_customers ORDER BY id_hash`);
    expect(stored.map((row) => row.id_hash)).toEqual([guard.idHash('E1'), guard.idHash('E2')].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
  });

  it('should hold an erasure until a write admitted before it commits, then let the erasure delete what the write stored', async () => {
    const order: string[] = [];
    let erasing: Promise<void> | null = null;
    await writer.transaction(async (manager) => {
      expect((await guard.admit(manager, ['W1'])).size).toBe(0);
      erasing = eraser.transaction(async (erasure) => {
        await guard.erase(erasure, ['W1']);
        order.push('erasure locked');
        await erasure.query(`DELETE FROM customers WHERE customer_id = 'W1'`);
      });
      await sleep(300);
      await manager.query(`INSERT INTO customers VALUES ('W1')`);
      order.push('write committing');
    });
    await erasing;

    expect(order).toEqual(['write committing', 'erasure locked']);
    expect(await writer.query(`SELECT * FROM customers WHERE customer_id = 'W1'`)).toEqual([]);
  });

  it('should make a write that waited for an erasure see it, when the erasure locked first', async () => {
    let admitted: Promise<Set<number>> | null = null;
    await eraser.transaction(async (erasure) => {
      await guard.erase(erasure, ['W2']);
      admitted = writer.transaction((manager) => guard.admit(manager, ['W2', 'W3']));
      await sleep(300);
    });

    expect([...(await (admitted as unknown as Promise<Set<number>>))]).toEqual([0]);
  });
});
