export * from './random';
export * from './synthetic-customers';
