import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const eslintBin = path.join(root, 'node_modules/.bin/eslint');

// Runs the real `eslint` command (the one `npm run lint` runs) on a snippet as if it were the given
// file, so the test fails if the boundary rules are loosened or the project tags change.
function lintMessages(file: string, source: string): { ruleId: string; message: string }[] {
  const run = spawnSync(eslintBin, ['--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (!run.stdout) throw new Error(`eslint failed to run: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages;
}

function boundaryErrors(file: string, source: string): string[] {
  return lintMessages(file, source)
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
    .map((m) => m.message);
}

describe('module boundaries', () => {
  jest.setTimeout(60_000);

  // Without a cached project graph the boundary rule skips itself with only a warning.
  beforeAll(() => {
    const graph = spawnSync(path.join(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (graph.status !== 0) throw new Error(`nx could not build the project graph: ${graph.stderr}`);
  });

  it('should reject a Kafka import in libs/ml', () => {
    const errors = boundaryErrors('libs/ml/src/forbidden.ts', "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/kafkajs/);
  });

  it('should reject a NestJS or TypeORM import in libs/ml', () => {
    const nest = boundaryErrors('libs/ml/src/forbidden.ts', "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n");
    const orm = boundaryErrors('libs/ml/src/forbidden.ts', "import { DataSource } from 'typeorm';\nexport const d = DataSource;\n");
    expect(nest).toHaveLength(1);
    expect(orm).toHaveLength(1);
  });

  it('should reject libs/ml importing an infrastructure lib', () => {
    const errors = boundaryErrors('libs/ml/src/forbidden.ts', "import * as db from '@seg/db';\nexport const d = db;\n");
    expect(errors).toHaveLength(1);
  });

  it('should allow an infrastructure lib to import libs/ml and kafkajs', () => {
    const errors = boundaryErrors(
      'libs/kafka/src/allowed.ts',
      "import * as ml from '@seg/ml';\nimport { Kafka } from 'kafkajs';\nexport const both = [ml, Kafka];\n",
    );
    expect(errors).toEqual([]);
  });

  it('should reject a lib importing a service', () => {
    const errors = boundaryErrors(
      'libs/db/src/forbidden.ts',
      "import { loadIngestionConfig } from '../../../services/ingestion/src/config/ingestion.config';\nexport const c = loadIngestionConfig;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('should reject kafkajs outside libs/kafka', () => {
    const messages = lintMessages('services/ingestion/src/forbidden.ts', "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n");
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });
});
