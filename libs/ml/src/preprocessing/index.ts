export * from './imputer';
export * from './log1p';
export * from './pipeline-config';
export * from './preprocessor';
export * from './quantile';
export * from './robust-scaler';
export * from './select-columns';
