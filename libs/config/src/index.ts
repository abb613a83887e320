export * from './define-config';
export * from './load-config-parts';
