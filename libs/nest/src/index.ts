export * from './gateway-secret.middleware';
export * from './subgraph-schema.writer';
export * from './user-input';
