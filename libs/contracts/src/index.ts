export * from './topics';
export * from './events/customer-features.event';
export * from './events/model-promoted.event';
