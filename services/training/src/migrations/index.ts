import { CustomerErasure1766000000000 } from '@seg/db';
import { CreateTrainingTables1764100000000 } from './1764100000000-create-training-tables';
import { SourceTime1764800000000 } from './1764800000000-source-time';
import { ChallengerReview1765000000000 } from './1765000000000-challenger-review';

/** In order of application. */
export const TRAINING_MIGRATIONS = [CreateTrainingTables1764100000000, SourceTime1764800000000, ChallengerReview1765000000000, CustomerErasure1766000000000];
