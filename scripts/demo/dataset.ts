import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DemoDataset {
  readonly file: string;
  /** Said to the user: which data the demo runs on, and why that one. */
  readonly description: string;
}

export const SYNTHETIC_ROWS = 8_950;
export const SYNTHETIC_SEED = 42;

/**
 * The real data when the user downloaded it into data/ (see data/README.md), else the copy beside this
 * workspace, else seeded synthetic customers of the same shape, so the demo always runs.
 */
export function chooseDataset(root: string, scratchDir: string): DemoDataset {
  const downloaded = join(root, 'data', 'Customer Data.csv');
  if (existsSync(downloaded)) return { file: downloaded, description: `the real data, ${downloaded}` };
  const shared = resolve(root, '..', 'shared', 'data', 'Customer Data.csv');
  if (existsSync(shared)) return { file: shared, description: `the real data beside this workspace, ${shared}` };
  mkdirSync(scratchDir, { recursive: true });
  const file = join(scratchDir, `synthetic-${SYNTHETIC_ROWS}-seed-${SYNTHETIC_SEED}.csv`);
  if (!existsSync(file)) {
    execFileSync(
      process.execPath,
      ['-r', '@swc-node/register', join(root, 'data', 'generate-synthetic.ts'), '--rows', String(SYNTHETIC_ROWS), '--seed', String(SYNTHETIC_SEED), '--out', file],
      { cwd: root, stdio: 'inherit' },
    );
  }
  return {
    file,
    description: `seeded synthetic customers (${SYNTHETIC_ROWS} rows, seed ${SYNTHETIC_SEED}), because "Customer Data.csv" is in neither data/ nor ../shared/data/ (see data/README.md to download it)`,
  };
}
