import { syntheticTrainingData } from '../testing';
import { fitSegmentationModelInWorker } from './fit-in-worker';
import { FitError, fitSegmentationModel, type FitStage } from './fit-segmentation-model';

describe('fitSegmentationModelInWorker', () => {
  jest.setTimeout(60_000);
  const createdAt = new Date('2026-01-01T00:00:00Z');

  it('should give the same model as the in-process fit and report progress when run on a worker', async () => {
    const data = syntheticTrainingData(1_500, 11);
    const stages: FitStage[] = [];
    const [inWorker, inProcess] = await Promise.all([
      fitSegmentationModelInWorker(data, { nInit: 3 }, { createdAt, onProgress: (stage) => stages.push(stage) }),
      fitSegmentationModel(data, { nInit: 3 }, { createdAt }),
    ]);
    expect(Array.from(inWorker.labels)).toEqual(Array.from(inProcess.labels));
    expect(inWorker.assignments).toEqual(inProcess.assignments);
    expect(inWorker.bundle.centroids).toEqual(inProcess.bundle.centroids);
    expect(inWorker.metrics).toEqual(inProcess.metrics);
    expect(stages).toContain('kmeans');
    expect(stages[stages.length - 1]).toBe('sweep');
  });

  it('should reject with a FitError carrying the message when the fit fails in the worker', async () => {
    const tooFew = syntheticTrainingData(3, 1);
    const failure = fitSegmentationModelInWorker(tooFew, { k: 4 }, { createdAt });
    await expect(failure).rejects.toBeInstanceOf(FitError);
    await expect(fitSegmentationModelInWorker(tooFew, { k: 4 }, { createdAt })).rejects.toThrow(/4/);
  });
});
