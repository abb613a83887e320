export * from './client-http-error';
export * from './gateway-keep-alive';
export * from './gateway-secret.middleware';
export * from './request-caller';
export * from './subgraph-graphql.options';
export * from './subgraph-schema.writer';
export * from './user-input';
export * from './health/health-report';
