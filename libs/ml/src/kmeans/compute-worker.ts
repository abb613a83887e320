import { parentPort, workerData } from 'node:worker_threads';
import { silhouetteDistanceSums } from '../metrics/silhouette-sums';
import { runRestart, type LloydResult } from './lloyd';

/** One K-Means restart on shared data. */
export interface KMeansRestartTask {
  readonly kind: 'kmeans-restart';
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  readonly seed: number;
  readonly maxIterations: number;
  readonly absoluteTol: number;
}

/** Per-cluster distance sums for the pairs (i, j > i) with i in [from, to); rows grouped by cluster. */
export interface SilhouetteSumsTask {
  readonly kind: 'silhouette-sums';
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly labels: Int32Array;
  readonly starts: Int32Array;
  readonly from: number;
  readonly to: number;
}

export type WorkerTask = KMeansRestartTask | SilhouetteSumsTask;
export type WorkerTaskResult<T extends WorkerTask> = T extends KMeansRestartTask ? LloydResult : Float64Array;

/** Runs one task; the same code in a worker and, for the first batch, on the calling thread. */
export function runTask(task: WorkerTask): LloydResult | Float64Array {
  switch (task.kind) {
    case 'kmeans-restart':
      return runRestart(task.data, task.rows, task.cols, task.k, task.seed, task.maxIterations, task.absoluteTol, new Int32Array(task.rows));
    case 'silhouette-sums':
      return silhouetteDistanceSums(task.data, task.rows, task.cols, task.labels, task.starts, task.from, task.to);
  }
}

// Only does anything when loaded as a worker (through worker-bootstrap.js).
if (parentPort !== null && workerData?.batch !== undefined) {
  try {
    parentPort.postMessage({ results: (workerData.batch as WorkerTask[]).map(runTask) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
