/**
 * The TypeScript side of bench/ml.ts, in its own process so its memory can be measured: the default
 * pipeline timed step by step, medians of `--repeats`; prints one JSON document. Run with --expose-gc.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  createSharedMatrix, DEFAULT_PIPELINE_CONFIG, fitKMeans, fitPca, fitPreprocessor, predictFromRawParallel, silhouette,
  parseCustomerCsvToMatrix, syntheticMatrix, type Matrix,
} from '@seg/ml';
import { median } from './stats';

const { values } = parseArgs({
  options: {
    real: { type: 'string' }, rows: { type: 'string' }, seed: { type: 'string' }, repeats: { type: 'string', default: '5' },
    // Untimed runs before the real-data measures, the same number on both sides (ml_sklearn.py --warm-ups).
    'warm-ups': { type: 'string', default: '3' },
    // 'real': the real-data fit and silhouette (bench/ml.ts runs this in rounds alternating with scikit-learn);
    // 'large': K-Means and predict on the synthetic rows.
    part: { type: 'string', default: 'real' },
  },
});
const repeats = Number(values.repeats);
const warmUps = Number(values['warm-ups']);
const { k, nInit, seed, maxIterations, tolerance } = DEFAULT_PIPELINE_CONFIG;
const kmeansOptions = { nInit, seed, maxIterations, tolerance };

/**
 * `repeats` timed runs after `warmUps` untimed ones. The real-data measures take a few ms, and the first
 * runs in a process time V8's compiler and the worker start-up rather than the code (measured: 170–260 ms
 * for the first two real fits, 115–140 ms after): both sides (ml_sklearn.py too) warm up as many times
 * for them. The 1M-row runs take seconds each and are timed from the first.
 */
async function medianOf(fn: () => Promise<unknown> | unknown, warmUpRuns = 0): Promise<{ medianMs: number; runsMs: number[] }> {
  for (let w = 0; w < warmUpRuns; w++) await fn();
  const runsMs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await fn();
    runsMs.push(performance.now() - start);
  }
  return { medianMs: median(runsMs), runsMs };
}

/** Peak resident set size since the last reset (Linux: VmHWM, reset by writing 5 to clear_refs). */
function peakRssBytes(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}
function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}
/** Full GC, twice with a pause: V8 frees large ArrayBuffer backing stores lazily, after the sweep. */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let pass = 0; pass < 2; pass++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function realFit(path: string): Promise<{ x: Matrix; steps: Record<string, number> }> {
  const t0 = performance.now();
  // The product's validating parser, in its matrix form (no object per customer).
  const raw = parseCustomerCsvToMatrix(readFileSync(path, 'utf8')).matrix;
  const t1 = performance.now();
  const pre = fitPreprocessor(raw, DEFAULT_PIPELINE_CONFIG);
  const t2 = performance.now();
  fitPca(pre.transformed, 2);
  const t3 = performance.now();
  await fitKMeans(pre.transformed, k, kmeansOptions);
  const t4 = performance.now();
  return { x: pre.transformed, steps: { parse: t1 - t0, preprocess: t2 - t1, pca: t3 - t2, kmeans: t4 - t3 } };
}

/**
 * 1M synthetic customers: fits the preprocessing and K-Means, then times predict from raw features
 * (impute, log1p, scale, nearest centroid and distance to each, PCA position). Returns only the shared feature matrix, so
 * everything else here is garbage by the time the K-Means memory is measured.
 */
async function benchPredict(rows: number, syntheticSeed: number) {
  const raw = syntheticMatrix(rows, syntheticSeed).matrix;
  const { params, transformed } = fitPreprocessor(raw, DEFAULT_PIPELINE_CONFIG);
  const x = createSharedMatrix(rows, params.featureNames.length);
  x.data.set(transformed.data);
  // Throughput does not depend on which centroids are used: one restart is enough here.
  const model = await fitKMeans(x, k, { ...kmeansOptions, nInit: 1 });
  const pca = fitPca(x, 2);
  const predict1m = await medianOf(() => predictFromRawParallel(raw, { preprocessor: params, centroids: model.centroids, pca }));
  return { x, predict1m: { ...predict1m, customersPerSecond: rows / (predict1m.medianMs / 1000) } };
}

async function benchReal(): Promise<Record<string, unknown>> {
  const realPath = values.real ?? '';
  const stepRuns: Record<string, number>[] = [];
  for (let w = 0; w < warmUps; w++) await realFit(realPath); // outside medianOf so that their steps are not recorded
  const realFitTimes = await medianOf(async () => stepRuns.push((await realFit(realPath)).steps));
  const { x: realX } = await realFit(realPath);
  const realLabels = (await fitKMeans(realX, k, kmeansOptions)).clusters;
  const realSilhouette = await medianOf(() => silhouette(realX, realLabels), warmUps);
  return { realFit: { ...realFitTimes, stepRuns }, realSilhouette };
}

async function benchLarge(baselineRss: number): Promise<Record<string, unknown>> {
  const rows = Number(values.rows);
  const { x, predict1m } = await benchPredict(rows, Number(values.seed));
  await collectGarbage();
  const beforeFitRss = process.memoryUsage().rss;
  const peaks: number[] = [];
  let inertia = Number.NaN;
  const kmeans1m = await medianOf(async () => {
    resetPeakRss();
    inertia = (await fitKMeans(x, k, kmeansOptions)).inertia;
    peaks.push(peakRssBytes());
  });
  const matrixBytes = x.data.byteLength;
  const peak = Math.max(...peaks);
  return {
    kmeans1m: {
      ...kmeans1m, rows, inertia,
      matrixBytes, baselineRssBytes: baselineRss, rssBeforeFitBytes: beforeFitRss, peakRssBytes: peak,
      // Node and its TypeScript loader (measured before any data) are not charged to the algorithm; the
      // matrix itself, the scratch arrays and the worker thread are.
      peakOverMatrix: (peak - baselineRss) / matrixBytes,
    },
    predict1m,
  };
}

async function main(): Promise<void> {
  const baselineRss = process.memoryUsage().rss;
  const result = values.part === 'large' ? await benchLarge(baselineRss) : await benchReal();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
