import type { SegmentId } from '../segments/segment-definitions';
import type { DistinguishingFeature, FeatureStats } from '../segments/segment-profiles';
import type { FitResult } from './fit-segmentation-model';

export interface FitReportKEntry {
  readonly k: number;
  readonly inertia: number;
  /** null when the silhouette was switched off for the fitted model and no sweep was run. */
  readonly silhouette: number | null;
  readonly daviesBouldin: number;
  readonly calinskiHarabasz: number;
  readonly sizes: readonly number[];
}

export interface FitReportSegment {
  readonly cluster: number;
  readonly segmentId: SegmentId | null;
  readonly label: string | null;
  readonly size: number;
  readonly share: number;
  readonly distinguishing: readonly DistinguishingFeature[];
  readonly profile: Readonly<Record<string, FeatureStats>>;
}

export interface FitReportTimings {
  readonly parse: number;
  readonly impute: number;
  readonly transform: number;
  readonly pca: number;
  readonly kmeans: number;
  /** From reading the input to the fitted K-Means: parse + impute + transform + pca + kmeans. */
  readonly fit: number;
  readonly silhouette: number;
  readonly sweep: number;
}

/** The machine-readable summary of a fit (`ml:fit --json`); exactly these five fields. */
export interface FitReport {
  readonly pcaExplainedVarianceRatio: readonly number[];
  /** The k-sweep when one was run, otherwise the fitted k alone. */
  readonly k: readonly FitReportKEntry[];
  readonly chosenK: number;
  readonly segments: readonly FitReportSegment[];
  readonly timingsMs: FitReportTimings;
}

/** Input-side facts the fit itself does not know, for the readable report. */
export interface FitInputSummary {
  readonly source: string;
  readonly rowsRead: number;
  readonly rejected: number;
  readonly warnings: number;
}

export function buildFitReport(fit: FitResult, parseMs: number): FitReport {
  const { bundle, metrics, timingsMs: t } = fit;
  const fitted: FitReportKEntry = {
    k: bundle.config.k,
    inertia: metrics.inertia,
    silhouette: metrics.silhouette,
    daviesBouldin: metrics.daviesBouldin,
    calinskiHarabasz: metrics.calinskiHarabasz,
    sizes: bundle.profiles.clusters.map((c) => c.size),
  };
  return {
    pcaExplainedVarianceRatio: [...bundle.pca.explainedVarianceRatio],
    k: fit.sweep === null ? [fitted] : fit.sweep.map(({ k, inertia, silhouette, daviesBouldin, calinskiHarabasz, sizes }) => ({ k, inertia, silhouette, daviesBouldin, calinskiHarabasz, sizes })),
    chosenK: bundle.config.k,
    segments: bundle.segments.map((s) => {
      const profile = bundle.profiles.clusters[s.cluster];
      return { cluster: s.cluster, segmentId: s.segmentId, label: s.label, size: profile.size, share: profile.share, distinguishing: profile.distinguishing, profile: profile.features };
    }),
    timingsMs: {
      parse: parseMs,
      impute: t.impute,
      transform: t.transform,
      pca: t.pca,
      kmeans: t.kmeans,
      fit: parseMs + t.impute + t.transform + t.pca + t.kmeans,
      silhouette: t.silhouette,
      sweep: t.sweep,
    },
  };
}

const int = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
const num = (value: number | null, digits = 3): string => (value === null ? 'n/a' : value.toFixed(digits));

function compact(value: number): string {
  if (Math.abs(value) >= 1000) return int.format(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 1 ? 3 : 1);
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  // Figures right-aligned, words left-aligned; trailing blanks trimmed.
  const numeric = (cell: string): boolean => /^[-−]?[\d.,%/]+$|^n\/a$/.test(cell);
  return rows.map((r) => `  ${r.map((cell, c) => (numeric(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')}`.trimEnd());
}

/** The readable report of `ml:fit`: segments, their profiles, metrics, PCA, k-sweep, timings. */
export function formatFitReport(report: FitReport, fit: FitResult, input: FitInputSummary): string {
  const { bundle, metrics } = fit;
  const { config } = bundle;
  const name = (s: FitReportSegment): string => s.segmentId ?? `cluster ${s.cluster} (unassigned)`;
  const lines: string[] = [
    `Customer segmentation model — ${input.source}`,
    `  rows read ${int.format(input.rowsRead)}, fitted on ${int.format(bundle.trainingData.rows)}, rejected ${int.format(input.rejected)}, warnings ${int.format(input.warnings)}`,
    `  pipeline: impute ${config.impute} → log1p ${config.log1pColumns.length === 0 ? 'none' : config.log1pColumns.join(',')} → ${config.scaler} scaling → K-Means k=${config.k}, ${config.nInit} restarts, seed ${config.seed}`,
    `  clustered: ${bundle.preprocessor.featureNames.length} features; excluded: ${config.excludeColumns.length === 0 ? 'none' : config.excludeColumns.join(',')}`,
    `  fingerprint ${bundle.trainingData.fingerprint}`,
    '',
    'Segments',
    ...table([
      ['segment', 'label', 'size', 'share', 'stands out by (median vs population)'],
      ...report.segments.map((s) => [
        name(s),
        s.label ?? '-',
        int.format(s.size),
        pct(s.share),
        s.distinguishing.map((d) => `${d.feature} ${d.direction} (${compact(d.segmentMedian)} vs ${compact(d.populationMedian)})`).join(', ') || '-',
      ]),
    ]),
  ];
  const unassigned = fit.identity.clusters.filter((c) => c.segmentId === null);
  if (unassigned.length > 0) lines.push(...unassigned.map((c) => `  ! cluster ${c.cluster} has no segment id: ${c.reason}`));
  lines.push(
    '',
    'Profiles (median per segment, original units)',
    ...table([
      ['feature', ...report.segments.map(name), 'population'],
      ...bundle.profiles.featureNames.map((f) => [
        f,
        ...report.segments.map((s) => (s.profile[f] === undefined ? '-' : compact(s.profile[f].median))),
        compact(bundle.profiles.population.features[f].median),
      ]),
    ]),
    '',
    `Metrics: inertia ${num(metrics.inertia, 1)}, silhouette ${num(metrics.silhouette)} (${metrics.silhouetteMode}), Davies–Bouldin ${num(metrics.daviesBouldin)}, Calinski–Harabasz ${num(metrics.calinskiHarabasz, 1)}, ${metrics.iterations} iterations${metrics.converged ? ', converged' : ', NOT converged (iteration cap)'}`,
    `PCA explained variance: ${report.pcaExplainedVarianceRatio.map((r, i) => `PC${i + 1} ${pct(r)}`).join(', ')} (total ${pct(report.pcaExplainedVarianceRatio.reduce((a, b) => a + b, 0))})`,
  );
  if (fit.sweep !== null) {
    lines.push(
      '',
      'k-sweep',
      ...table([
        ['k', 'inertia', 'silhouette', 'Davies–Bouldin', 'Calinski–Harabasz', 'sizes'],
        ...report.k.map((e) => [String(e.k), num(e.inertia, 1), num(e.silhouette), num(e.daviesBouldin), num(e.calinskiHarabasz, 1), e.sizes.join('/')]),
      ]),
    );
  }
  const t = report.timingsMs;
  lines.push(
    '',
    `Timings (ms): parse ${t.parse.toFixed(0)}, impute ${t.impute.toFixed(0)}, transform ${t.transform.toFixed(0)}, PCA ${t.pca.toFixed(0)}, K-Means ${t.kmeans.toFixed(0)} → fit ${t.fit.toFixed(0)}; silhouette ${t.silhouette.toFixed(0)}, k-sweep ${t.sweep.toFixed(0)}`,
  );
  return `${lines.join('\n')}\n`;
}
