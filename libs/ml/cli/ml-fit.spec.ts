import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserializeBundle } from '../src';

const ROOT = join(__dirname, '../../..');
const REAL_DATA = join(ROOT, '../shared/data/Customer Data.csv');

function mlFit(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'ml-fit.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ml:fit command line', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'ml-fit-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('should print the report and write the bundle and the exact JSON report when run on the real data', () => {
    const json = join(work, 'report.json');
    const bundle = join(work, 'bundle.json');
    const run = mlFit(['--csv', REAL_DATA, '--sweep', '3-4', '--json', json, '--bundle', bundle]);
    expect(run.status).toBe(0);
    for (const heading of ['Segments', 'Profiles (median per segment, original units)', 'Metrics: inertia', 'PCA explained variance: PC1', 'k-sweep', 'Timings (ms): parse']) {
      expect(run.stdout).toContain(heading);
    }
    expect(run.stdout).toContain('rows read 8,950, fitted on 8,950, rejected 0, warnings 8');
    expect(run.stderr).toContain('warning line 683 (C10708): CASH_ADVANCE_FREQUENCY: 1.25 is above the maximum 1');

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(report)).toEqual(['pcaExplainedVarianceRatio', 'k', 'chosenK', 'segments', 'timingsMs']);
    expect(report.pcaExplainedVarianceRatio).toHaveLength(2);
    expect(report.chosenK).toBe(4);
    expect(report.k.map((e: { k: number }) => e.k)).toEqual([3, 4]);
    for (const entry of report.k) expect(Object.keys(entry)).toEqual(['k', 'inertia', 'silhouette', 'daviesBouldin', 'calinskiHarabasz', 'sizes']);
    expect(report.k[1].sizes.reduce((a: number, b: number) => a + b, 0)).toBe(8950);
    expect(report.segments.map((s: { segmentId: string }) => s.segmentId).sort()).toEqual(['cash-advance', 'low-activity', 'revolvers', 'transactors']);
    expect(Object.keys(report.timingsMs)).toEqual(['parse', 'impute', 'transform', 'pca', 'kmeans', 'fit', 'silhouette', 'sweep']);
    const t = report.timingsMs;
    expect(t.fit).toBeCloseTo(t.parse + t.impute + t.transform + t.pca + t.kmeans, 6);
    expect(t.sweep).toBeGreaterThan(0);
    expect(deserializeBundle(readFileSync(bundle, 'utf8')).trainingData.rows).toBe(8950);
  }, 120_000);

  it('should list each bad row with its line, column and reason, and fit on the rest, when the CSV has malformed rows', () => {
    const lines = readFileSync(REAL_DATA, 'utf8').split('\n').slice(0, 41);
    lines[3] = lines[3].replace(/^([^,]+),[^,]*/, '$1,abc'); // line 4: BALANCE not a number
    lines[10] = lines[10].split(',').slice(0, 10).join(','); // line 11: too few fields
    lines[20] = lines[20].replace(/,12\s*$/, ',0'); // line 21: TENURE below 1
    const csv = join(work, 'malformed.csv');
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const run = mlFit(['--csv', csv, '--sweep', 'none', '--n-init', '2']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("rejected line 4 (C10003): BALANCE: not a number ('abc')");
    expect(run.stderr).toMatch(/rejected line 11 \(C10010\): row: expected 18 fields, found 10/);
    expect(run.stderr).toContain('rejected line 21 (C10020): TENURE: 0 is below the minimum 1');
    expect(run.stderr).toContain('3 of 40 rows rejected (listed above); fitting on the 37 accepted.');
    expect(run.stderr.match(/^rejected line/gm)).toHaveLength(3);
    expect(run.stdout).toContain('rows read 40, fitted on 37, rejected 3');
  }, 120_000);

  it('should exit 2 with the header problem and fit nothing when a column is missing', () => {
    const csv = join(work, 'bad-header.csv');
    writeFileSync(csv, 'CUST_ID,BALANCE\nC1,10\n');
    const run = mlFit(['--csv', csv]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('CSV header (line 1) does not match the customer schema — missing columns: BALANCE_FREQUENCY');
    expect(run.stdout).toBe('');
  }, 60_000);

  it('should exit 2 with the usage when a flag is unknown or the file does not exist', () => {
    const unknown = mlFit(['--csv', REAL_DATA, '--clusters', '4']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--clusters'");
    expect(unknown.stderr).toContain('Usage: npm run ml:fit');
    const missing = mlFit(['--csv', join(work, 'nope.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  }, 60_000);
});
