import type { DataSource } from 'typeorm';
import { dbConfigFromEnv } from '../config/db-config';
import { createDataSource } from '../data-source/data-source.factory';
import { createThrowawaySchema, uniqueSchemaName, type ThrowawaySchema } from '../testing';
import { tryAdvisoryLock } from './advisory-lock';

describe(tryAdvisoryLock.name, () => {
  // Two data sources stand for two processes: the lock must hold across them, not only within one pool.
  let schema: ThrowawaySchema;
  let first: DataSource;
  let second: DataSource;
  const key = `it-lock:${uniqueSchemaName('lock')}`;
  const open = () => createDataSource({ ...dbConfigFromEnv(), schema: schema.name });

  beforeAll(async () => {
    schema = await createThrowawaySchema('it_lock');
    [first, second] = await Promise.all([open(), open()]);
  });

  afterAll(async () => {
    await Promise.all([first?.destroy(), second?.destroy()]);
    await schema?.drop();
  });

  it('should refuse a second holder while the first holds the lock, and grant it once released', async () => {
    const lease = await tryAdvisoryLock(first, key);
    expect(lease).not.toBeNull();

    expect(await tryAdvisoryLock(second, key)).toBeNull();
    expect(await tryAdvisoryLock(second, `${key}:other`).then(async (other) => (await other?.release(), other !== null))).toBe(true);

    await lease?.release();
    const next = await tryAdvisoryLock(second, key);
    expect(next).not.toBeNull();
    await next?.release();
  });

  it('should free the lock when the holder\'s session ends without releasing it', async () => {
    const crashing = await open();
    expect(await tryAdvisoryLock(crashing, key)).not.toBeNull();

    await crashing.destroy();

    // The server ends the session (and frees its locks) a moment after the client hangs up: ask again for a while.
    let after = await tryAdvisoryLock(second, key);
    for (let tries = 0; after === null && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await tryAdvisoryLock(second, key);
    }
    expect(after).not.toBeNull();
    await after?.release();
  });
});
