import { fitKMeans, type KMeansOptions } from '../kmeans/fit-kmeans';
import type { Matrix } from '../matrix';
import { calinskiHarabasz } from './calinski-harabasz';
import { MetricError } from './cluster-stats';
import { daviesBouldin } from './davies-bouldin';
import { sampledSilhouette, silhouette } from './silhouette';

export interface KSweepOptions extends Omit<KMeansOptions, 'initialization'> {
  readonly kFrom?: number;
  readonly kTo?: number;
  /** Above this many rows the silhouette is computed on a seeded sample of this size (O(n²) otherwise). */
  readonly silhouetteSampleSize?: number;
}

export interface KSweepEntry {
  readonly k: number;
  readonly inertia: number;
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly calinskiHarabasz: number;
  readonly sizes: number[];
}

const DEFAULT_SILHOUETTE_SAMPLE = 10_000;

/** Fits K-Means for every k in kFrom..kTo (2..9 by default) and scores each fit with every metric. */
export async function kSweep(m: Matrix, options: KSweepOptions = {}): Promise<KSweepEntry[]> {
  const kFrom = options.kFrom ?? 2;
  const kTo = options.kTo ?? 9;
  if (!Number.isInteger(kFrom) || !Number.isInteger(kTo) || kFrom < 2 || kTo < kFrom || kTo >= m.rows) {
    throw new MetricError(`k-sweep range must be integers with 2 <= kFrom <= kTo < rows (${m.rows}), got ${kFrom}..${kTo}`);
  }
  const sampleSize = options.silhouetteSampleSize ?? DEFAULT_SILHOUETTE_SAMPLE;
  const entries: KSweepEntry[] = [];
  for (let k = kFrom; k <= kTo; k++) {
    const fit = await fitKMeans(m, k, options);
    const labels = fit.clusters;
    entries.push({
      k,
      inertia: fit.inertia,
      silhouette: m.rows > sampleSize
        ? await sampledSilhouette(m, labels, { sampleSize, seed: options.seed ?? 42, threads: options.threads })
        : await silhouette(m, labels, { threads: options.threads }),
      daviesBouldin: daviesBouldin(m, labels),
      calinskiHarabasz: calinskiHarabasz(m, labels),
      sizes: Array.from({ length: k }, (_, c) => labels.reduce((n, label) => n + (label === c ? 1 : 0), 0)),
    });
  }
  return entries;
}
