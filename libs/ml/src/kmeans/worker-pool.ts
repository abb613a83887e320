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
 * order. The calling thread takes the first batch itself while `threads − 1` workers take the others: one
 * isolate fewer (each costs ~60 MB with the TypeScript loader, which counts against the 1M-row memory bar).
 * Data travels in SharedArrayBuffers, so nothing large is copied. `reuse`: see `runOnWorker`.
 */
export async function runWorkerTasks<T extends WorkerTask>(tasks: readonly T[], threads: number, reuse = false): Promise<WorkerTaskResult<T>[]> {
  const count = Math.max(1, Math.min(threads, tasks.length));
  const batches = Array.from({ length: count }, (_, w) => tasks.filter((_, i) => i % count === w));
  const workers = batches.slice(1).map((batch) => runOnWorker(batch, reuse));
  const local = runTasks(batches[0]);
  const outputs = [local, ...(await Promise.all(workers))];
  return tasks.map((_, i) => outputs[i % count][Math.floor(i / count)] as WorkerTaskResult<T>);
}

/**
 * Idle workers kept for small batches: a worker's start-up (~60 ms compiled, more with the TypeScript
 * loader) costs more than the K-Means restarts of the real data's 8,950 rows, so there it is paid once per
 * process. Idle workers are unref'd: they never keep the process alive.
 */
const idle: Worker[] = [];

/** Workers kept idle in this process. */
export function idleWorkerCount(): number {
  return idle.length;
}

/**
 * Runs `batch` on a worker and returns its results; for callers that work on this thread meanwhile (the
 * promise never rejects unhandled while they are busy). `reuse`: take an idle worker and keep it idle
 * afterwards, for small data only. A worker holds what its last batch touched until its own garbage
 * collector runs, and shared memory counts for nothing in when that is: a kept worker held ~6× a 1M-row
 * matrix. Without `reuse` the worker is started for the batch and terminated after it. A worker that
 * fails is terminated either way.
 */
export function runOnWorker(batch: readonly WorkerTask[], reuse = false): Promise<unknown[]> {
  const worker = (reuse ? idle.pop() : undefined) ?? new Worker(BOOTSTRAP, { workerData: { entry: ENTRY }, execArgv: [] });
  worker.ref();
  const results = new Promise<unknown[]>((resolve, reject) => {
    const settle = (error: WorkerTaskError | null, output?: unknown[]) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (error === null) {
        if (reuse) {
          worker.unref();
          idle.push(worker);
        } else {
          void worker.terminate();
        }
        resolve(output ?? []);
      } else {
        void worker.terminate();
        reject(error);
      }
    };
    const onMessage = (message: { results?: unknown[]; error?: string }) =>
      message.error !== undefined ? settle(new WorkerTaskError(`worker task failed: ${message.error}`)) : settle(null, message.results);
    const onError = (error: Error) => settle(new WorkerTaskError(`worker crashed: ${error.message}`));
    const onExit = (code: number) => settle(new WorkerTaskError(`worker exited with code ${code} before answering`));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(batch);
  });
  results.catch(() => undefined);
  return results;
}
