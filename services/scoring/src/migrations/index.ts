import { CustomerErasure1766000000000 } from '@seg/db';
import { CreateScoringTables1764200000000 } from './1764200000000-create-scoring-tables';
import { LeanScoringWrites1764300000000 } from './1764300000000-lean-scoring-writes';
import { AssignmentFeaturesStamp1764400000000 } from './1764400000000-assignment-features-stamp';
import { SourceTime1764800000000 } from './1764800000000-source-time';
import { ModelHealth1765000000000 } from './1765000000000-model-health';

/** In order of application. */
export const SCORING_MIGRATIONS = [CreateScoringTables1764200000000, LeanScoringWrites1764300000000, AssignmentFeaturesStamp1764400000000, SourceTime1764800000000, ModelHealth1765000000000, CustomerErasure1766000000000];
