export * from './gateway-client';
export * from './wait-for';
export * from './platform-flow';
export * from './segment-export';
export * from './customer-erasure';
