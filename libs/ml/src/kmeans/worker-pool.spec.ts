import { createSharedMatrix } from '../matrix';
import { silhouetteDistanceSums } from '../metrics/silhouette-sums';
import type { SilhouetteSumsTask } from './compute-worker';
import { idleWorkerCount, runOnWorker, WorkerTaskError } from './worker-pool';

/** Two clusters of two points on a line, in shared memory. */
function sumsTask(rows = 4): SilhouetteSumsTask {
  const m = createSharedMatrix(rows, 1);
  m.data.set(Array.from({ length: rows }, (_, i) => i));
  const labels = new Int32Array(new SharedArrayBuffer(rows * 4)).map((_, i) => (i < rows / 2 ? 0 : 1));
  return { kind: 'silhouette-sums', data: m.data, rows, cols: 1, labels, starts: Int32Array.of(0, rows / 2, rows), from: 0, to: rows };
}

describe(runOnWorker.name, () => {
  it('should answer as the calling thread would, and keep one worker idle across batches only when asked to reuse it', async () => {
    const task = sumsTask();
    const expected = silhouetteDistanceSums(task.data, task.rows, task.cols, task.labels, task.starts, task.from, task.to);
    const before = idleWorkerCount();

    expect(await runOnWorker([task])).toEqual([expected]);
    expect(idleWorkerCount()).toBe(before);

    expect(await runOnWorker([task], true)).toEqual([expected]);
    expect(idleWorkerCount()).toBe(before + 1);
    expect(await runOnWorker([task, task], true)).toEqual([expected, expected]);
    expect(idleWorkerCount()).toBe(before + 1);
  });

  it('should reject with the task\'s error and not keep the worker when a task fails', async () => {
    const before = idleWorkerCount();
    const broken = { ...sumsTask(), data: null } as unknown as SilhouetteSumsTask;

    await expect(runOnWorker([broken], true)).rejects.toThrow(WorkerTaskError);
    await expect(runOnWorker([broken], true)).rejects.toThrow(/worker task failed: .*null/);
    expect(idleWorkerCount()).toBe(Math.max(0, before - 1));
  });
});
