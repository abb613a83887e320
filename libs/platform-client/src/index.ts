export * from './gateway-client';
export * from './wait-for';
export * from './platform-flow';
