/**
 * Benchmark (not a test): the default segmentation pipeline in TypeScript vs the same pipeline in
 * scikit-learn, on the real data and on 1,000,000 seeded synthetic customers, in one process tree.
 *   node -r @swc-node/register bench/ml.ts [--repeats 5] [--rows 1000000] [--seed 2024]
 * Uses the scikit-learn virtualenv of the golden tests (created on first use by libs/ml/golden/run.sh)
 * and the real data at ../shared/data/Customer Data.csv. Writes bench/results/ml.json and prints a table.
 * The two sides run one after the other, never at the same time, so neither steals the other's cores.
 * The real-data measures take milliseconds, and on a machine shared with other work scikit-learn's
 * K-Means swings most (its OpenMP threads wait on each other at every step: 0.35–2.2 s in one minute when
 * other jobs ran): they are timed in rounds that alternate the two sides (and which goes first),
 * three warm-up runs and one timed run per process and side, so both sides see the same load; medians over rounds.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './stats';

const root = join(__dirname, '..');
const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '5' },
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '2024' },
    real: { type: 'string', default: join(root, '../shared/data/Customer Data.csv') },
  },
});
const python = join(root, '.stack/venvs/sklearn/bin/python');

interface Timed { medianMs: number; runsMs: number[] }
interface RealPart {
  realFit: Timed & { stepRuns: Record<string, number>[] };
  realSilhouette: Timed;
  threadpools?: unknown;
}
interface LargePart {
  kmeans1m: Timed & Record<string, unknown>;
  predict1m: Timed & { customersPerSecond: number };
  threadpools?: unknown;
}

function run<T>(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): T {
  const started = performance.now();
  const output = execFileSync(command, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  console.error(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as T;
}

function mergeTimed(parts: Timed[]): Timed {
  const runsMs = parts.flatMap((p) => p.runsMs);
  return { medianMs: median(runsMs), runsMs };
}

/** The rounds of one side as one measure: all their timed runs, their median and the median of each step. */
function mergeReal(parts: RealPart[]) {
  const stepRuns = parts.flatMap((p) => p.realFit.stepRuns);
  return {
    realFit: { ...mergeTimed(parts.map((p) => p.realFit)), stepsMedianMs: Object.fromEntries(Object.keys(stepRuns[0]).map((s) => [s, median(stepRuns.map((r) => r[s]))])) },
    realSilhouette: mergeTimed(parts.map((p) => p.realSilhouette)),
  };
}

function main(): void {
  execFileSync('bash', [join(root, 'libs/ml/golden/run.sh'), '--venv-only'], { stdio: 'inherit' });
  // This machine may pin OpenBLAS to a core type / cache size; the benchmark gives scikit-learn its defaults.
  const sklearnEnv = { ...process.env };
  delete sklearnEnv.OPENBLAS_CORETYPE;
  delete sklearnEnv.OPENBLAS_L2_SIZE;
  const typescript = <T>(part: string, repeats: string): T => run<T>(process.execPath, [
    '-r', '@swc-node/register', '--expose-gc', 'bench/ml-typescript.ts',
    '--part', part, '--real', values.real, '--rows', values.rows, '--seed', values.seed, '--repeats', repeats,
  ]);
  const sklearn = <T>(args: string[]): T => run<T>(python, ['bench/ml_sklearn.py', ...args], sklearnEnv);

  const rounds = Number(values.repeats);
  const realRounds: { ts: RealPart[]; sk: RealPart[] } = { ts: [], sk: [] };
  for (let round = 0; round < rounds; round++) {
    const sides = round % 2 === 0 ? (['ts', 'sk'] as const) : (['sk', 'ts'] as const);
    for (const side of sides) {
      console.error(`real data, round ${round + 1} of ${rounds}: ${side === 'ts' ? 'TypeScript' : 'scikit-learn'} …`);
      realRounds[side].push(side === 'ts' ? typescript<RealPart>('real', '1') : sklearn<RealPart>(['--part', 'real', '--real', values.real, '--repeats', '1']));
    }
  }

  const work = mkdtempSync(join(tmpdir(), 'bench-ml-'));
  try {
    const syntheticCsv = join(work, 'synthetic.csv');
    console.error(`generating ${values.rows} synthetic customers (seed ${values.seed}) for scikit-learn …`);
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'data/generate-synthetic.ts', '--rows', values.rows, '--seed', values.seed, '--out', syntheticCsv], { cwd: root, stdio: 'inherit' });
    console.error(`${values.rows} customers: TypeScript …`);
    const tsLarge = typescript<LargePart>('large', values.repeats);
    console.error(`${values.rows} customers: scikit-learn …`);
    const skLarge = sklearn<LargePart>(['--part', 'large', '--synthetic', syntheticCsv, '--repeats', values.repeats]);
    const ts = { ...mergeReal(realRounds.ts), ...tsLarge };
    const sk = { ...mergeReal(realRounds.sk), ...skLarge };

    const ratio = (a: number, b: number): number => Number((a / b).toFixed(3));
    // Round r's two runs saw about the same load: their ratios show how much of the spread is the machine's.
    const roundRatios = (measure: 'realFit' | 'realSilhouette'): number[] => ts[measure].runsMs.map((t, r) => ratio(t, sk[measure].runsMs[r]));
    const realRoundRatios = { realFit: roundRatios('realFit'), realSilhouette: roundRatios('realSilhouette') };
    const kmeansMemory = ts.kmeans1m.peakOverMatrix as number;
    const rows = [
      { measure: 'real data: whole fit (parse → K-Means ×10)', ts: ts.realFit.medianMs, sklearn: sk.realFit.medianMs, bar: '≤ 1.0×' },
      { measure: 'real data: exact silhouette (8,950 points)', ts: ts.realSilhouette.medianMs, sklearn: sk.realSilhouette.medianMs, bar: '≤ 1.0×' },
      { measure: `${values.rows} customers: K-Means fit ×10`, ts: ts.kmeans1m.medianMs, sklearn: sk.kmeans1m.medianMs, bar: '≤ 1.5×' },
      { measure: `${values.rows} customers: predict from raw`, ts: ts.predict1m.medianMs, sklearn: sk.predict1m.medianMs, bar: '≥ 2,000,000 /s' },
    ].map((r) => ({ ...r, ratio: ratio(r.ts, r.sklearn) }));
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model, node: process.version },
      repeats: Number(values.repeats),
      syntheticRows: Number(values.rows),
      syntheticSeed: Number(values.seed),
      sklearnThreadpools: sk.threadpools,
      realRoundRatios,
      bars: {
        realFitRatio: rows[0].ratio,
        realSilhouetteRatio: rows[1].ratio,
        kmeans1mRatio: rows[2].ratio,
        kmeans1mPeakMemoryOverMatrix: Number(kmeansMemory.toFixed(3)),
        predictCustomersPerSecond: Math.round(ts.predict1m.customersPerSecond),
      },
      typescript: ts,
      sklearn: sk,
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/ml.json'), `${JSON.stringify(result, null, 2)}\n`);

    console.log(`\nmedians of ${values.repeats}; scikit-learn threadpools: ${JSON.stringify(sk.threadpools)}`);
    console.table(rows.map((r) => ({
      measure: r.measure, 'TypeScript ms': r.ts.toFixed(1), 'scikit-learn ms': r.sklearn.toFixed(1), 'ratio TS/sk': r.ratio, bar: r.bar,
    })));
    console.log(`real data, TS/sk per round: fit ${realRoundRatios.realFit.join(' ')}; silhouette ${realRoundRatios.realSilhouette.join(' ')}`);
    console.log(`K-Means ${values.rows}: peak RSS above Node's baseline = ${kmeansMemory.toFixed(2)}× the feature matrix (bar ≤ 2×)`);
    console.log(`predict: ${Math.round(ts.predict1m.customersPerSecond).toLocaleString('en')} customers/s (scikit-learn ${Math.round(sk.predict1m.customersPerSecond).toLocaleString('en')})`);
    console.log('written to bench/results/ml.json');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
