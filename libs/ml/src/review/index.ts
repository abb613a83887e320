export * from './challenger-review';
