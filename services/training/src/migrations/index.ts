import { CreateTrainingTables1764100000000 } from './1764100000000-create-training-tables';
import { SourceTime1764800000000 } from './1764800000000-source-time';

/** In order of application. */
export const TRAINING_MIGRATIONS = [CreateTrainingTables1764100000000, SourceTime1764800000000];
