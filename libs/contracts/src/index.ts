export * from './topics';
export * from './events/customer-features.event';
