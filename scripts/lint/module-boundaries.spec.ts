import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Snippet {
  readonly file: string;
  readonly source: string;
}

interface LintMessage {
  readonly ruleId: string;
  readonly message: string;
}

// Every snippet the tests below lint, as if it were the given file.
const SNIPPETS = {
  kafkaInMl: { file: 'libs/ml/src/forbidden.ts', source: "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n" },
  nestInMl: { file: 'libs/ml/src/forbidden.ts', source: "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n" },
  typeormInMl: { file: 'libs/ml/src/forbidden.ts', source: "import { DataSource } from 'typeorm';\nexport const d = DataSource;\n" },
  infraLibInMl: { file: 'libs/ml/src/forbidden.ts', source: "import * as db from '@seg/db';\nexport const d = db;\n" },
  mlAndKafkajsInLibsKafka: {
    file: 'libs/kafka/src/allowed.ts',
    source: "import * as ml from '@seg/ml';\nimport { Kafka } from 'kafkajs';\nexport const both = [ml, Kafka];\n",
  },
  serviceInLib: {
    file: 'libs/db/src/forbidden.ts',
    source: "import { loadIngestionConfig } from '../../../services/ingestion/src/config/ingestion.config';\nexport const c = loadIngestionConfig;\n",
  },
  kafkajsInService: { file: 'services/ingestion/src/forbidden.ts', source: "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n" },
  serviceInService: {
    file: 'services/scoring/src/forbidden.ts',
    source: "import { TrainModelUseCase } from '../../training/src/train-model/train-model.usecase';\nexport const u = TrainModelUseCase;\n",
  },
  testingEntryInService: {
    file: 'services/scoring/src/forbidden.ts',
    source: "import { startTrainingTestApp } from '@seg/training/testing';\nexport const s = startTrainingTestApp;\n",
  },
  testingEntryInLib: { file: 'libs/db/src/forbidden.ts', source: "import { RescoreUseCase } from '@seg/scoring/testing';\nexport const r = RescoreUseCase;\n" },
  testingEntryInE2e: { file: 'e2e/forbidden.ts', source: "import { csvChunks } from '@seg/ingestion/testing';\nexport const c = csvChunks;\n" },
  serviceInternalInBench: {
    file: 'bench/forbidden.ts',
    source: "import { RescoreUseCase } from '../services/scoring/src/rescore/rescore.usecase';\nexport const r = RescoreUseCase;\n",
  },
  serviceMainInScripts: { file: 'scripts/demo/forbidden.ts', source: "import * as scoring from '@seg/scoring';\nexport const s = scoring;\n" },
  serviceDeepPathInScripts: {
    file: 'scripts/demo/forbidden.ts',
    source: "import { RescoreUseCase } from '@seg/scoring/src/rescore/rescore.usecase';\nexport const r = RescoreUseCase;\n",
  },
  e2eInBench: { file: 'bench/forbidden.ts', source: "import { rawEvents } from '../e2e/support/events';\nexport const r = rawEvents;\n" },
  libsAndTestingEntriesInBench: {
    file: 'bench/allowed.ts',
    source:
      "import { FEATURE_NAMES } from '@seg/ml';\nimport { createTestBundle } from '@seg/ml/testing';\nimport { IsolatedPlatform } from '@seg/platform-client/testing';\n" +
      "import { RescoreUseCase } from '@seg/scoring/testing';\nimport { startTrainingTestApp } from '@seg/training/testing';\n" +
      'export const all = [FEATURE_NAMES, createTestBundle, IsolatedPlatform, RescoreUseCase, startTrainingTestApp];\n',
  },
  testingEntryInScripts: { file: 'scripts/demo/allowed.ts', source: "import { csvChunks } from '@seg/ingestion/testing';\nexport const c = csvChunks;\n" },
  benchInService: { file: 'services/scoring/src/forbidden.ts', source: "import { median } from '../../../bench/stats';\nexport const m = median;\n" },
  scriptsInLib: { file: 'libs/ml/src/forbidden.ts', source: "import { summaryLines } from '../../../scripts/demo/summary';\nexport const s = summaryLines;\n" },
} satisfies Record<string, Snippet>;

// The real ESLint with the repository's eslint.config.mjs (what `npm run lint` runs), in one process for all the
// snippets: each start costs seconds, most of it loading Nx's project graph. The tests fail if the boundary rules
// are loosened or the project tags change.
const LINT_SNIPPETS = `
const { ESLint } = require('eslint');
(async () => {
  const snippets = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = {};
  for (const [name, { file, source }] of Object.entries(snippets)) {
    const [result] = await eslint.lintText(source, { filePath: file });
    out[name] = result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
`;

function lintSnippets(snippets: Record<string, Snippet>): Record<string, LintMessage[]> {
  const run = spawnSync(process.execPath, ['-e', LINT_SNIPPETS], {
    cwd: root,
    input: JSON.stringify(snippets),
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (run.status !== 0 || !run.stdout) throw new Error(`eslint failed to run: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, LintMessage[]>;
}

describe('module boundaries', () => {
  jest.setTimeout(120_000);

  let linted: Record<keyof typeof SNIPPETS, LintMessage[]>;
  const boundaryErrors = (name: keyof typeof SNIPPETS) =>
    linted[name].filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  const ruleIds = (name: keyof typeof SNIPPETS) => linted[name].map((m) => m.ruleId);

  // Without a cached project graph the boundary rule skips itself with only a warning.
  beforeAll(() => {
    const graph = spawnSync(path.join(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (graph.status !== 0) throw new Error(`nx could not build the project graph: ${graph.stderr}`);
    linted = lintSnippets(SNIPPETS);
  });

  it('should reject a Kafka import in libs/ml', () => {
    const errors = boundaryErrors('kafkaInMl');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/kafkajs/);
  });

  it('should reject a NestJS or TypeORM import in libs/ml', () => {
    expect(boundaryErrors('nestInMl')).toHaveLength(1);
    expect(boundaryErrors('typeormInMl')).toHaveLength(1);
  });

  it('should reject libs/ml importing an infrastructure lib', () => {
    expect(boundaryErrors('infraLibInMl')).toHaveLength(1);
  });

  it('should allow an infrastructure lib to import libs/ml and kafkajs', () => {
    expect(boundaryErrors('mlAndKafkajsInLibsKafka')).toEqual([]);
  });

  it('should reject a lib importing a service', () => {
    expect(boundaryErrors('serviceInLib')).toHaveLength(1);
  });

  it('should reject kafkajs outside libs/kafka', () => {
    expect(ruleIds('kafkajsInService')).toContain('no-restricted-imports');
  });

  it('should reject a service importing another service', () => {
    expect(boundaryErrors('serviceInService')).toEqual([expect.stringMatching(/relative or absolute path/)]);
  });

  it("should reject a service's testing entry in a service, a lib or the e2e tests", () => {
    for (const name of ['testingEntryInService', 'testingEntryInLib', 'testingEntryInE2e'] as const) {
      expect(ruleIds(name)).toEqual(['@typescript-eslint/no-restricted-imports']);
    }
  });

  it('should reject bench/ and scripts/ reaching into a service other than by its testing entry', () => {
    expect(boundaryErrors('serviceInternalInBench')).toEqual([expect.stringMatching(/relative or absolute path/)]);
    expect(boundaryErrors('serviceMainInScripts')).toEqual(['Imports of apps are forbidden']);
    expect(boundaryErrors('serviceDeepPathInScripts')).toEqual(['Imports of apps are forbidden']);
    expect(boundaryErrors('e2eInBench')).toEqual([expect.stringMatching(/relative or absolute path/)]);
  });

  it("should allow bench/ and scripts/ to import libs, their testing entries and the services' testing entries", () => {
    expect(linted.libsAndTestingEntriesInBench).toEqual([]);
    expect(linted.testingEntryInScripts).toEqual([]);
  });

  it('should reject a service or a lib importing bench/ or scripts/', () => {
    expect(boundaryErrors('benchInService')).toHaveLength(1);
    expect(boundaryErrors('scriptsInLib')).toHaveLength(1);
  });
});
