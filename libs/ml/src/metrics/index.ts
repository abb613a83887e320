export * from './calinski-harabasz';
export { MetricError } from './cluster-stats';
export * from './davies-bouldin';
export * from './k-sweep';
export * from './silhouette';
