/**
 * Benchmark (not a test): whole training runs through the training use case (the path of `npm run train`,
 * the CronJob and the mutation), on the real data and on seeded synthetic customers, against the local stack.
 *   node -r @swc-node/register bench/train.ts [--rows 1000000] [--seed 2024] [--sweep 2-9]
 * Each data set gets the service booted in-process with a throwaway schema and topics and its own MLflow
 * experiment and model name (as services/training's integration tests), its customers written straight
 * into the service's feature copy (not timed: that is ingestion's benchmark), then one training run.
 * Reports seconds per stage from the run's own timings. Writes bench/results/train.json, prints a table.
 */
import { FEATURE_NAMES, parseCustomerCsvToMatrix, SyntheticCustomerGenerator, type Matrix } from '@seg/ml';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CustomerFeaturesRepository, FEATURE_COLUMNS, startTrainingTestApp, TrainModelCommand, TrainModelUseCase, type CustomerFeatureRow,
} from '@seg/training/testing';

const root = join(__dirname, '..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '2024' },
    sweep: { type: 'string', default: '2-9' },
    real: { type: 'string', default: join(root, '../shared/data/Customer Data.csv') },
  },
});

// Rows per upsert call while loading the feature copy (each call is one transaction of unnest statements).
const LOAD_CHUNK = 20_000;

interface Dataset {
  readonly name: string;
  readonly matrix: Matrix;
  readonly customerIds: readonly string[];
}

/** The stages of the brief, in seconds, from the run's `timingsMs` (the use case's stages and the fit's own, `fit_*`). */
interface StageSeconds {
  read: number;
  fit: number;
  sweep: number;
  silhouette: number;
  mlflowLogging: number;
  registerAndPromote: number;
  /** Handing the data to the fit's worker thread and back: the use case's fit minus the fit's own total. */
  workerHandOff: number;
  total: number;
}

function realDataset(path: string): Dataset {
  const { matrix, customerIds } = parseCustomerCsvToMatrix(readFileSync(path, 'utf8'));
  return { name: 'real data', matrix, customerIds };
}

function syntheticDataset(rows: number, seed: number): Dataset {
  const generator = new SyntheticCustomerGenerator(seed);
  const data = new Float64Array(rows * FEATURE_NAMES.length);
  const customerIds = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    generator.nextInto(data, i * FEATURE_NAMES.length);
    customerIds[i] = generator.customerId;
  }
  return { name: `${rows.toLocaleString('en')} synthetic customers`, matrix: { rows, cols: FEATURE_NAMES.length, data }, customerIds };
}

async function loadFeatureCopy(repository: CustomerFeaturesRepository, dataset: Dataset): Promise<void> {
  const { matrix, customerIds } = dataset;
  const updatedAt = new Date();
  for (let from = 0; from < matrix.rows; from += LOAD_CHUNK) {
    const chunk: CustomerFeatureRow[] = [];
    for (let i = from; i < Math.min(from + LOAD_CHUNK, matrix.rows); i++) {
      const row: CustomerFeatureRow = { customer_id: customerIds[i], occurred_at: updatedAt, updated_at: updatedAt };
      FEATURE_COLUMNS.forEach((column, j) => {
        const value = matrix.data[i * matrix.cols + j];
        row[column] = Number.isNaN(value) ? null : value;
      });
      chunk.push(row);
    }
    await repository.upsert(chunk);
  }
}

async function benchTraining(dataset: Dataset) {
  const service = await startTrainingTestApp({ TRAINING_SWEEP: values.sweep });
  try {
    const loadStarted = performance.now();
    await loadFeatureCopy(service.app.get(CustomerFeaturesRepository), dataset);
    console.error(`  ${dataset.name}: feature copy loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s; training …`);
    const started = performance.now();
    const run = await service.app.get(TrainModelUseCase).execute(new TrainModelCommand('cli'));
    const wallMs = performance.now() - started;
    if (run.status !== 'succeeded') throw new Error(`training run on ${dataset.name} ${run.status}: ${run.error ?? 'no reason given'}`);
    const t = run.timingsMs ?? {};
    const ms = (key: string): number => t[key] ?? 0;
    const seconds = (value: number): number => Number((value / 1000).toFixed(2));
    const stages: StageSeconds = {
      read: seconds(ms('load-features')),
      fit: seconds(ms('fit_total') - ms('fit_sweep') - ms('fit_silhouette')),
      sweep: seconds(ms('fit_sweep')),
      silhouette: seconds(ms('fit_silhouette')),
      mlflowLogging: seconds(ms('log-mlflow')),
      registerAndPromote: seconds(ms('register') + ms('gate')),
      workerHandOff: seconds(ms('fit') - ms('fit_total')),
      total: seconds(wallMs),
    };
    return {
      dataset: dataset.name,
      rows: dataset.matrix.rows,
      stagesSeconds: stages,
      silhouetteMode: run.params?.silhouette_mode ?? null,
      gatePassed: run.gate?.passed ?? null,
      modelVersion: run.modelVersion,
      metrics: run.metrics,
      timingsMs: t,
    };
  } finally {
    await service.close();
  }
}

async function main(): Promise<void> {
  const rows = Number(values.rows);
  const results = [];
  for (const make of [() => realDataset(values.real), () => syntheticDataset(rows, Number(values.seed))]) {
    results.push(await benchTraining(make()));
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: availableParallelism(), model: cpus()[0]?.model, node: process.version },
    sweep: values.sweep,
    syntheticRows: rows,
    syntheticSeed: Number(values.seed),
    runs: results,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/train.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\none training run each, k-sweep ${values.sweep}; seconds per stage`);
  console.table(Object.fromEntries(results.map((r) => [r.dataset, r.stagesSeconds])));
  console.log('written to bench/results/train.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
