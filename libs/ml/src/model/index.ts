export * from './fit-segmentation-model';
export * from './model-bundle';
export * from './predict';
export * from './similar-customer';
export * from './fit-report';
export * from './fit-in-worker';
