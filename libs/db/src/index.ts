export { float8ArrayBinary, intArrayLiteral, textArrayBinary } from './binary/binary-arrays';
export { BinaryCopyReader } from './binary/binary-copy.reader';
export { copyOutBinary } from './binary/copy-out-binary';
export { dbConfigFromEnv, describeDbConnection, type DbConnection, type DbHostConnection, type DbUrlConnection } from './config/db-config';
export {
  buildDataSourceOptions,
  createDataSource,
  ensureSchema,
  openDataSource,
  runMigrations,
  type DataSourceConfig,
} from './data-source/data-source.factory';
export { typeOrmModuleOptions } from './data-source/typeorm-module.options';
export { BulkWriteError, DbConfigError } from './errors';
export { tryAdvisoryLock, type AdvisoryLease } from './locks/advisory-lock';
export { quoteIdentifier, quoteQualifiedName } from './sql/identifiers';
export type { QueryRunnerOrManager } from './sql/transaction';
export { bulkUpsert, bulkUpsertChanges, type BulkUpsertOptions } from './upsert/bulk-upsert';
export { copyInto, type CopyIntoOptions } from './upsert/copy-into';
export { POSTGRES_MAX_PARAMETERS, type UpsertChanges, type UpsertCounts, type UpsertRow } from './upsert/upsert-sql.builder';
export { CREATE_ERASED_CUSTOMERS_TABLE, CustomerErasure1766000000000, ErasureGuard, erasureSaltSetting, int8ArrayBinary, withoutPositions } from './erasure/erased-customers';
