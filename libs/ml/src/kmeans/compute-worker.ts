import { parentPort, workerData } from 'node:worker_threads';
import { silhouetteDistanceSums } from '../metrics/silhouette-sums';
import { runRestart, type LloydResult, type RestartProblem } from './lloyd';
import { predictChunks, type PredictChunksTask } from './predict-from-raw';

/** One K-Means restart on shared data. */
export interface KMeansRestartTask extends RestartProblem {
  readonly kind: 'kmeans-restart';
  readonly seed: number;
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

export type WorkerTask = KMeansRestartTask | SilhouetteSumsTask | PredictChunksTask;
export type WorkerTaskResult<T extends WorkerTask> =
  T extends KMeansRestartTask ? LloydResult : T extends SilhouetteSumsTask ? Float64Array : null;

/**
 * Runs a batch of tasks in order; the same code in a worker and, for the first batch, on the calling
 * thread. The K-Means restarts of a batch reuse one set of scratch arrays (labels and bounds), so a
 * thread holds one set at a time rather than one per restart awaiting the garbage collector.
 */
export function runTasks(tasks: readonly WorkerTask[]): (LloydResult | Float64Array | null)[] {
  let scratch: RestartScratch | undefined;
  return tasks.map((task) => {
    if (task.kind !== 'kmeans-restart') return runTask(task);
    if (scratch?.labels.length !== task.rows) scratch = { labels: new Int32Array(task.rows), bounds: new Float32Array(2 * task.rows) };
    return runRestart(task, task.seed, scratch.labels, scratch.bounds);
  });
}

interface RestartScratch {
  readonly labels: Int32Array;
  readonly bounds: Float32Array;
}

function runTask(task: WorkerTask): LloydResult | Float64Array | null {
  switch (task.kind) {
    case 'kmeans-restart':
      return runRestart(task, task.seed, new Int32Array(task.rows));
    case 'silhouette-sums':
      return silhouetteDistanceSums(task.data, task.rows, task.cols, task.labels, task.starts, task.from, task.to);
    case 'predict-chunks':
      predictChunks(task);
      return null;
  }
}

// Only does anything when loaded as a worker (through worker-bootstrap.js): answers each batch it is sent.
const port = parentPort;
if (port !== null && workerData?.entry !== undefined) {
  port.on('message', (batch: WorkerTask[]) => {
    try {
      port.postMessage({ results: runTasks(batch) });
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  });
}
