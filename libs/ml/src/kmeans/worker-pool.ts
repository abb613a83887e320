import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runTasks, type WorkerTask, type WorkerTaskResult } from './compute-worker';

// The worker entry in the same form as this module: .ts under jest / @swc-node, .js when compiled.
const ENTRY = join(__dirname, `compute-worker${__filename.slice(__filename.lastIndexOf('.'))}`);
const BOOTSTRAP = join(__dirname, 'worker-bootstrap.js');

export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';
}

export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Runs `tasks` on `threads` threads (task i on thread i mod threads) and returns the results in task
 * order. The calling thread takes the first batch itself while `threads − 1` short-lived workers take
 * the others: one isolate fewer (each costs ~60 MB with the TypeScript loader, which counts against the
 * 1M-row memory bar). Data travels in SharedArrayBuffers, so nothing large is copied.
 */
export async function runWorkerTasks<T extends WorkerTask>(tasks: readonly T[], threads: number): Promise<WorkerTaskResult<T>[]> {
  const count = Math.max(1, Math.min(threads, tasks.length));
  const batches = Array.from({ length: count }, (_, w) => tasks.filter((_, i) => i % count === w));
  const workers = batches.slice(1).map((batch) => runOnWorker(batch));
  const local = runTasks(batches[0]);
  const outputs = [local, ...(await Promise.all(workers))];
  return tasks.map((_, i) => outputs[i % count][Math.floor(i / count)] as WorkerTaskResult<T>);
}

/**
 * Starts one short-lived worker on `batch` and returns its results; for callers that work on this thread
 * meanwhile (the promise never rejects unhandled while they are busy).
 */
export function runOnWorker(batch: readonly WorkerTask[]): Promise<unknown[]> {
  const results = new Promise<unknown[]>((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY, batch }, execArgv: [] });
    let settled = false;
    worker.once('message', (message: { results?: unknown[]; error?: string }) => {
      settled = true;
      void worker.terminate();
      if (message.error !== undefined) reject(new WorkerTaskError(`worker task failed: ${message.error}`));
      else resolve(message.results ?? []);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new WorkerTaskError(`worker crashed: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new WorkerTaskError(`worker exited with code ${code} before answering`));
    });
  });
  results.catch(() => undefined);
  return results;
}
