/**
 * `@seg/training/testing`: the part of the training service that benchmarks and repository scripts may use.
 * Nothing outside the service reaches into its folders (lint enforces it); what they need is named here.
 */
export { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
export { FEATURE_COLUMNS, type CustomerFeatureRow } from '../customer-features/feature-columns';
export { TrainModelCommand } from '../train-model/train-model.command';
export { TrainModelUseCase } from '../train-model/train-model.usecase';
export { startTrainingTestApp } from './training-test-app';
