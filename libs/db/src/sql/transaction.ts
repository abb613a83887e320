import { EntityManager, type QueryRunner } from 'typeorm';

export type QueryRunnerOrManager = QueryRunner | EntityManager;

/**
 * Runs `work` in a transaction on one connection. Inside a caller's transaction TypeORM opens a savepoint
 * instead, so a multi-chunk write is all-or-nothing either way.
 */
export function inTransaction<T>(db: QueryRunnerOrManager, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const manager = db instanceof EntityManager ? db : db.manager;
  return manager.transaction((transactional) => {
    const runner = transactional.queryRunner;
    // EntityManager.transaction always binds its manager to a query runner; this only narrows the type.
    if (runner === undefined) throw new Error('TypeORM opened a transaction without a query runner');
    return work(runner);
  });
}
