import { parentPort, workerData } from 'node:worker_threads';
import type { PipelineConfig } from '../preprocessing';
import { fitSegmentationModel, type FitOptions, type RawTrainingData } from './fit-segmentation-model';

/** What `fitSegmentationModelInWorker` sends: the fit's arguments, minus the progress callback. */
export interface FitWorkerInput {
  readonly data: RawTrainingData;
  readonly config: Partial<PipelineConfig>;
  readonly options: Omit<FitOptions, 'onProgress'>;
}

if (parentPort && workerData?.fit) {
  const port = parentPort;
  const { data, config, options } = workerData.fit as FitWorkerInput;
  fitSegmentationModel(data, config, { ...options, onProgress: (stage, fraction) => port.postMessage({ type: 'progress', stage, fraction }) }).then(
    (result) => port.postMessage({ type: 'result', result }),
    (error: Error) => port.postMessage({ type: 'error', name: error.name, message: error.message }),
  );
}
