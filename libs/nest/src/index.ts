export * from './subgraph-schema.writer';
export * from './user-input';
