import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PipelineConfig } from '../preprocessing';
import { FitError, type FitOptions, type FitResult, type FitStage, type RawTrainingData } from './fit-segmentation-model';
import type { FitWorkerInput } from './fit-worker';

// Same loader as the K-Means workers: the entry in this module's own form (.ts under jest / @swc-node).
const ENTRY = join(__dirname, `fit-worker${__filename.slice(__filename.lastIndexOf('.'))}`);
const BOOTSTRAP = join(__dirname, '..', 'kmeans', 'worker-bootstrap.js');

type WorkerMessage =
  | { type: 'progress'; stage: FitStage; fraction: number }
  | { type: 'result'; result: FitResult }
  | { type: 'error'; name: string; message: string };

/**
 * `fitSegmentationModel` on a worker thread. A fit on real data keeps a thread busy for seconds (the
 * k-sweep alone ~10 s); run on a service's main thread it stalls the event loop, so Kafka heartbeats
 * stop, the consumer is thrown out of its group and HTTP health checks time out. Same results: the
 * worker runs the same code on a copy of the data.
 */
export function fitSegmentationModelInWorker(data: RawTrainingData, config: Partial<PipelineConfig> = {}, options: FitOptions = {}): Promise<FitResult> {
  const { onProgress, ...rest } = options;
  const fit: FitWorkerInput = { data: { matrix: data.matrix, customerIds: data.customerIds }, config, options: rest };
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY, fit }, execArgv: [] });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        onProgress?.(message.stage, message.fraction);
        return;
      }
      settled = true;
      if (message.type === 'result') {
        resolve(message.result);
      } else {
        reject(message.name === 'FitError' ? new FitError(message.message) : Object.assign(new Error(message.message), { name: message.name }));
      }
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new FitError(`the fit worker exited with code ${code} before returning a model`));
    });
  });
}
