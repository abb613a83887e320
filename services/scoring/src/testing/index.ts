/**
 * `@seg/scoring/testing`: the part of the scoring service that benchmarks and repository scripts may use.
 * Nothing outside the service reaches into its folders (lint enforces it); what they need is named here.
 */
export { segmentEventsJson } from '../assignments/segment-events.publisher';
export { loadScoringConfig } from '../config/scoring.config';
export { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
export { DriftTracker } from '../model-health/drift-tracker';
export { RescoreUseCase } from '../rescore/rescore.usecase';
export { membershipSql } from '../segment-members/segment-members.sql';
export { createScoringTestEnvironment, featureEvents, type ScoringTestApp, type ScoringTestEnvironment } from './scoring-test-app';
