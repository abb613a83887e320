export * from './topics';
export * from './events/customer-features.event';
export * from './events/customer-features-event.validator';
export * from './events/model-promoted.event';
export * from './events/model-health.event';
export * from './events/customer-segments.event';
export * from './http-headers';
export * from './events/state-order';
