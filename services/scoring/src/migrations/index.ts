import { CreateScoringTables1764200000000 } from './1764200000000-create-scoring-tables';

/** In order of application. */
export const SCORING_MIGRATIONS = [CreateScoringTables1764200000000];
