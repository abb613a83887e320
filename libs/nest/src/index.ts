export * from './gateway-secret.middleware';
export * from './inline-trace';
export * from './subgraph-schema.writer';
export * from './user-input';
