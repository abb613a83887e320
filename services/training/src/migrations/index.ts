import { CreateTrainingTables1764100000000 } from './1764100000000-create-training-tables';

/** In order of application. */
export const TRAINING_MIGRATIONS = [CreateTrainingTables1764100000000];
