export * from './fit-kmeans';
export * from './predict-from-raw';
