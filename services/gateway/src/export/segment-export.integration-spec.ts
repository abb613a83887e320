import { quoteIdentifier } from '@seg/db';
import { queryRows } from '@seg/db/testing';
import type { ServiceProcess } from '@seg/nest/testing';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { signAccessToken } from '../auth/access-token';
import type { Role } from '@seg/contracts';
import { loadGatewayConfig } from '../config/gateway.config';
import { startGatewayServer, type RunningGateway } from '../http/gateway-server';
import { IsolatedSubgraphs } from '../testing/isolated-subgraphs';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const EXPORT_CLI = join(ROOT, 'libs', 'platform-client', 'src', 'cli', 'export.ts');
const CUSTOMERS = 3_000;

describe('GET /v1/segment-members through the gateway', () => {
  const subgraphSecret = `it-${randomUUID()}`;
  const jwtSecret = randomBytes(32).toString('hex');
  const subgraphs = new IsolatedSubgraphs({ GATEWAY_SUBGRAPH_SECRET: subgraphSecret });
  const logs: Record<string, unknown>[] = [];
  let scoring: ServiceProcess;
  let gateway: RunningGateway;
  let schema: string;
  let dir: string;

  const token = (role: Role) => signAccessToken({ sub: `it-${role}`, role }, jwtSecret, 300);
  const get = async (query: string, role?: Role) =>
    fetch(`${gateway.url}/v1/segment-members${query}`, { headers: role ? { authorization: `Bearer ${await token(role)}` } : {} });
  const assigned = async (segmentId: string) =>
    (await queryRows<{ customer_id: string }>(`SELECT customer_id FROM ${quoteIdentifier(schema)}.assignments WHERE segment_id = $1 ORDER BY customer_id`, [segmentId])).map((r) => r.customer_id);
  const exportCli = (args: string[], env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ['-r', '@swc-node/register', EXPORT_CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  beforeAll(async () => {
    ({ scoring } = await subgraphs.start(['scoring']));
    schema = subgraphs.schemaOf('scoring');
    // Three segments in turn; a third of the customers in each.
    await queryRows(
      `INSERT INTO ${quoteIdentifier(schema)}.assignments (customer_id, segment_id, cluster, pca_x, pca_y, distance, model_version, scored_at) ` +
        `SELECT 'X' || lpad(i::text, 6, '0'), (ARRAY['revolvers', 'transactors', 'cash-advance'])[i % 3 + 1], i % 3, i / 100.0, -i / 100.0, 1, '7', now() ` +
        `FROM generate_series(1, ${CUSTOMERS}) AS i`,
    );
    const config = loadGatewayConfig({ GATEWAY_PORT: '0', GATEWAY_METRICS_PORT: '0', GATEWAY_JWT_SECRET: jwtSecret, GATEWAY_SUBGRAPH_SECRET: subgraphSecret, SCORING_URL: `${scoring.url}/graphql` });
    gateway = await startGatewayServer(config, { log: (entry) => logs.push(entry) });
    dir = await mkdtemp(join(tmpdir(), 'it-export-'));
  });

  afterAll(async () => {
    await gateway?.stop();
    await subgraphs.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("should stream an analyst's CSV of one segment equal to its assignments, with the file's name, when the token is valid", async () => {
    const response = await get('?segment=revolvers&format=csv', 'analyst');
    const lines = (await response.text()).trimEnd().split('\n');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="segment-revolvers-now.csv"');
    expect(lines[0]).toBe('customer_id,segment_id,model_version,pca_x,pca_y,assigned_at,as_of');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(await assigned('revolvers'));
    expect(lines.slice(1).every((line) => line.split(',')[1] === 'revolvers' && line.split(',')[2] === '7')).toBe(true);
    expect(lines).toHaveLength(CUSTOMERS / 3 + 1);
  });

  it("should stream an admin's NDJSON of every segment, one object per assigned customer", async () => {
    const response = await get('?format=ndjson', 'admin');
    const members = (await response.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as { customerId: string; segmentId: string; pca: { x: number; y: number } });

    expect(response.status).toBe(200);
    expect(members).toHaveLength(CUSTOMERS);
    expect(new Set(members.map((m) => m.segmentId))).toEqual(new Set(['revolvers', 'transactors', 'cash-advance']));
    expect(members[0]).toMatchObject({ customerId: 'X000001', segmentId: 'transactors', modelVersion: '7', pca: { x: 0.01, y: -0.01 } });
  });

  it('should refuse without a token (401) and a viewer (403) before anything reaches scoring', async () => {
    const before = logs.length;
    const anonymous = await get('?segment=revolvers');
    const viewer = await get('?segment=revolvers', 'viewer');

    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toEqual({ errors: [{ message: "Forbidden: exporting segment members needs the analyst role, the token's is viewer", extensions: { code: 'FORBIDDEN' } }] });
    expect(logs.slice(before).filter((entry) => entry.msg !== 'request')).toEqual([]);
  });

  it("should pass scoring's refusal of a bad question on as BAD_USER_INPUT with the field", async () => {
    const badSegment = await get('?segment=Not%20a%20segment', 'analyst');
    const badTime = await get('?segment=revolvers&asOf=yesterday', 'analyst');
    const badFormat = await get('?segment=revolvers&format=xlsx', 'analyst');

    expect([badSegment.status, badTime.status, badFormat.status]).toEqual([400, 400, 400]);
    expect(((await badSegment.json()) as { errors: unknown[] }).errors[0]).toEqual({ message: 'Not a segment id: "Not a segment"', extensions: { code: 'BAD_USER_INPUT', field: 'segmentId' } });
    expect(((await badTime.json()) as { errors: { extensions: { field: string } }[] }).errors[0].extensions.field).toBe('asOf');
    expect(((await badFormat.json()) as { errors: { extensions: { field: string } }[] }).errors[0].extensions.field).toBe('format');
  });

  it('should write the file with npm run export, progress on stderr, and leave no file when the role is refused', async () => {
    const out = join(dir, 'transactors.csv');
    const gatewayUrl = `${gateway.url}/graphql`;
    const done = await exportCli(['--segment', 'transactors', '--out', out, '--gateway', gatewayUrl], { SEG_TOKEN: await token('analyst') });

    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(new RegExp(`exported ${(CUSTOMERS / 3).toLocaleString('en')} rows, [\\d.]+ MB in [\\d.]+ s → ${out}`));
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(await assigned('transactors'));
    expect(existsSync(`${out}.part`)).toBe(false);

    const refusedOut = join(dir, 'refused.csv');
    const refused = await exportCli(['--segment', 'transactors', '--out', refusedOut, '--gateway', gatewayUrl], { SEG_TOKEN: await token('viewer') });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("export failed (FORBIDDEN): Forbidden: exporting segment members needs the analyst role, the token's is viewer");
    expect(existsSync(refusedOut) || existsSync(`${refusedOut}.part`)).toBe(false);

    const usage = await exportCli(['--segment', 'transactors', '--format', 'xml'], { SEG_TOKEN: 'x' });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format must be csv or ndjson, got "xml"');
  });
});
