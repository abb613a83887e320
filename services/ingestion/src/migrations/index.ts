import { CreateIngestionTables1764060000000 } from './1764060000000-create-ingestion-tables';

/** In order of application. */
export const INGESTION_MIGRATIONS = [CreateIngestionTables1764060000000];
