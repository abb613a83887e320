import type { Provider } from '@nestjs/common';
import { ErasureGuard } from '@seg/db';
import { INGESTION_CONFIG, type IngestionConfig } from '../config/ingestion.config';

/** One guard for the service: every write of customers and the erasure share its key. */
export const erasureGuardProvider: Provider = {
  provide: ErasureGuard,
  inject: [INGESTION_CONFIG],
  useFactory: (config: IngestionConfig) => ErasureGuard.fromSecret(config.settings.ERASURE_SALT),
};
