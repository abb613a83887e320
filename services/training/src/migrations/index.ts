import { CreateTrainingTables1764100000000 } from './1764100000000-create-training-tables';
import { CreateModelAudit1765000000000 } from './1765000000000-create-model-audit';

/** In order of application. */
export const TRAINING_MIGRATIONS = [CreateTrainingTables1764100000000, CreateModelAudit1765000000000];
