export * from './pca';
