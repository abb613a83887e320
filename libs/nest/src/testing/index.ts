export * from './service-process';
export * from './subgraph-request';
