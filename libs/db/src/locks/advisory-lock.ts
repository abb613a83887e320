import type { DataSource } from 'typeorm';

export interface AdvisoryLease {
  release(): Promise<void>;
}

/**
 * A session-level PostgreSQL advisory lock on `key`, held on a dedicated connection until released: one
 * holder at a time across every process on the database. If the holder dies, PostgreSQL ends its session
 * and the lock goes with it, so no stale flag blocks the next one. null when someone else holds it.
 */
export async function tryAdvisoryLock(dataSource: DataSource, key: string): Promise<AdvisoryLease | null> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [key]);
    if (!locked) {
      await runner.release();
      return null;
    }
  } catch (error) {
    await runner.release();
    throw error;
  }
  return {
    release: async () => {
      try {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
      } finally {
        await runner.release();
      }
    },
  };
}
