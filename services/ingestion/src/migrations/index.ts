import { CreateIngestionTables1764060000000 } from './1764060000000-create-ingestion-tables';
import { OutboxPayloadText1764072000000 } from './1764072000000-outbox-payload-text';
import { OutboxBatchedMessages1764090000000 } from './1764090000000-outbox-batched-messages';
import { OutboxPairedRecords1764500000000 } from './1764500000000-outbox-paired-records';
import { SourceTime1764800000000 } from './1764800000000-source-time';
import { RejectedRowRawLength1764900000000 } from './1764900000000-rejected-row-raw-length';
import { CustomerErasure1766000000000 } from './1766000000000-customer-erasure';

/** In order of application. */
export const INGESTION_MIGRATIONS = [
  CreateIngestionTables1764060000000,
  OutboxPayloadText1764072000000,
  OutboxBatchedMessages1764090000000,
  OutboxPairedRecords1764500000000,
  SourceTime1764800000000,
  RejectedRowRawLength1764900000000,
  CustomerErasure1766000000000,
];
