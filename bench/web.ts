/**
 * Benchmark (not a test): the web client's first load in headless Chromium (Debian's, via playwright-core).
 *   node -r @swc-node/register bench/web.ts [--repeats 5]
 * Builds the client (`npm run web:build`), serves it, and serves a stand-in gateway over HTTP on loopback whose
 * answers (four segments, synthetic PCA points) are generated before the clock starts: this measures the client
 * (fetch, parse, draw), not the platform (`bench:gateway` does that). Per run a fresh browser context (empty
 * cache, as a first visit) navigates with a signed-in session until the map canvas reports `data-complete`.
 * Baseline, in the same run: the same page with no customers, so `draw` = time − baseline is what the points
 * cost. Also the first-load bundle (the files index.html loads) raw and gzip. Writes bench/results/web.json.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { createTestBundle } from '@seg/ml/testing';
import { CHROMIUM, serveStatic, WEB_DIST } from '@seg/platform-client/testing';
import { median } from './stats';

const root = join(__dirname, '..');
const SEGMENTS = ['revolvers', 'low-activity', 'cash-advance', 'transactors'];
const SIZES = [0, 8_950, 100_000];
const GOALS_MS: Record<number, number> = { 8_950: 1_000, 100_000: 2_000 };
const BUNDLE_GOAL_BYTES = 400 * 1024;

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '5' } } });
const REPEATS = Number(values.repeats);

/** A viewer's session as the client keeps it; the stand-in gateway does not check signatures. */
function token(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256' })}.${encode({ role: 'viewer', sub: 'bench' })}.x`;
}

/** The Overview query's answer for a model fitted on synthetic customers, shaped as the gateway sends it. */
async function overview(): Promise<unknown> {
  const bundle = await createTestBundle({ rows: 5_000 });
  return {
    championModel: {
      modelName: 'bench', version: '1', promotedAt: null, createdAt: new Date().toISOString(), forced: false, metrics: bundle.metrics,
      mlflowRunUrl: 'http://127.0.0.1:5000', profiles: bundle.profiles, kSweep: [],
      segments: bundle.segments.map((s) => ({ __typename: 'ModelSegment', cluster: s.cluster, segmentId: s.segmentId })),
    },
    segments: bundle.segments.map((s) => {
      const profile = bundle.profiles.clusters.find((p) => p.cluster === s.cluster);
      return {
        __typename: 'Segment', id: s.segmentId, label: s.label, description: s.label, cluster: s.cluster, size: profile?.size ?? 0, share: profile?.share ?? 0,
        centroid: { __typename: 'PcaPosition', x: Math.cos(s.cluster * 1.6) * 3, y: Math.sin(s.cluster * 1.6) * 3 }, offer: null,
      };
    }),
  };
}

/** Customers spread around four centres, deterministic. */
function points(total: number, limit: number, offset: number): unknown[] {
  const page = [];
  for (let i = offset; i < Math.min(total, offset + limit); i++) {
    const s = i % 4;
    const r = Math.sqrt(-2 * Math.log((((i * 7919) % 9973) + 1) / 9974));
    const a = (((i * 104729) % 10007) / 10007) * 2 * Math.PI;
    page.push({ __typename: 'PcaPoint', customerId: `C${i}`, segmentId: SEGMENTS[s], x: Math.cos(s * 1.6) * 3 + r * Math.cos(a), y: Math.sin(s * 1.6) * 3 + r * Math.sin(a) });
  }
  return page;
}

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part)).on('end', () => resolve(Buffer.concat(parts).toString('utf8'))).on('error', reject);
  });

/** Answers every GraphQL request from bodies serialised in advance; `total` picks the customers served. */
function standInGateway(overviewData: unknown): { server: Server; setTotal(total: number): void } {
  const bodies = new Map<string, string>();
  const overviewBody = JSON.stringify({ data: overviewData });
  let total = 0;
  const pageBody = (limit: number, offset: number): string => {
    const key = `${total}:${limit}:${offset}`;
    let body = bodies.get(key);
    if (body === undefined) bodies.set(key, (body = JSON.stringify({ data: { pcaPoints: points(total, limit, offset) } })));
    return body;
  };
  const headers = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
  const server = createServer((request, response) => {
    // `*` does not cover Authorization: allow what the preflight asks for.
    const allowHeaders = request.headers['access-control-request-headers'] ?? '';
    if (request.method === 'OPTIONS') return void response.writeHead(204, { ...headers, 'access-control-allow-headers': allowHeaders }).end();
    readBody(request).then((text) => {
      const body = JSON.parse(text) as { operationName?: string; variables?: { limit: number; offset: number } };
      const answer = body.operationName === 'PcaPoints' ? pageBody(body.variables?.limit ?? 0, body.variables?.offset ?? 0) : overviewBody;
      response.writeHead(200, headers).end(answer);
    }, () => response.writeHead(400).end());
  });
  return {
    server,
    setTotal(next: number) {
      total = next;
      // Serialise the pages the client will ask for now, so the clock never includes it.
      for (let offset = 0; offset <= next; offset += 50_000) pageBody(50_000, offset);
    },
  };
}

const listen = (server: Server): Promise<string> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));

/** The files index.html loads up front (scripts, module preloads, styles), raw and gzip-compressed. */
function firstLoadBundle(): { files: string[]; rawBytes: number; gzipBytes: number } {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(WEB_DIST, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, rawBytes, gzipBytes };
}

async function timeToDrawnMap(browser: Browser, appUrl: string, total: number): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(`sessionStorage.setItem('seg.accessToken', ${JSON.stringify(token())})`);
    const started = performance.now();
    await page.goto(appUrl);
    await page.locator('canvas[data-complete="true"]').waitFor({ timeout: 60_000 }).catch((error: unknown) => {
      throw errors.length > 0 ? new Error(`the client failed: ${errors.join('; ')}`) : error;
    });
    const elapsed = performance.now() - started;
    const drawn = Number(await page.locator('canvas').getAttribute('data-points'));
    if (drawn !== total) throw new Error(`the map drew ${drawn} of ${total} points`);
    return elapsed;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  console.log('building the client (npm run web:build) …');
  execFileSync('npm', ['run', '--silent', 'web:build'], { cwd: root, stdio: 'inherit' });
  const bundle = firstLoadBundle();
  const gateway = standInGateway(await overview());
  const web = await serveStatic();
  const appUrl = `${web.origin}/?gateway=${encodeURIComponent(`${await listen(gateway.server)}/graphql`)}`;
  const browser = await chromium.launch(CHROMIUM);
  const chromiumVersion = browser.version();
  const runs = new Map<number, number[]>(SIZES.map((n) => [n, []]));
  try {
    for (const total of SIZES) {
      gateway.setTotal(total);
      await timeToDrawnMap(browser, appUrl, total); // warm-up: Chromium's own start-up costs, not the client's
    }
    // Sizes alternate within each round, so a busy moment of the machine does not fall on one size only.
    for (let round = 0; round < REPEATS; round++) {
      for (const total of SIZES) {
        gateway.setTotal(total);
        runs.get(total)?.push(await timeToDrawnMap(browser, appUrl, total));
      }
      process.stdout.write(`round ${round + 1}/${REPEATS}\r`);
    }
  } finally {
    await browser.close();
    web.server.close();
    gateway.server.close();
  }

  const baselineMs = median(runs.get(0) ?? []);
  const sizes = SIZES.filter((n) => n > 0).map((total) => {
    const ms = runs.get(total) ?? [];
    return { points: total, medianMs: Math.round(median(ms)), drawMs: Math.round(median(ms) - baselineMs), runsMs: ms.map(Math.round), goalMs: GOALS_MS[total] };
  });
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, chromium: chromiumVersion },
    method: 'fresh browser context per run (empty cache), navigation until the map canvas reports data-complete; stand-in gateway on loopback with answers serialised in advance; sizes alternate in rounds; medians',
    repeats: REPEATS,
    baseline: { points: 0, medianMs: Math.round(baselineMs), runsMs: (runs.get(0) ?? []).map(Math.round) },
    sizes,
    bundle: { ...bundle, goalGzipBytes: BUNDLE_GOAL_BYTES },
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'web.json'), `${JSON.stringify(result, null, 2)}\n`);

  console.log(`\nweb client, headless Chromium ${result.machine.chromium}, medians of ${REPEATS}`);
  console.log(`  no customers (baseline)   ${String(result.baseline.medianMs).padStart(6)} ms`);
  for (const s of sizes) {
    console.log(`  ${s.points.toLocaleString('en').padStart(7)} points            ${String(s.medianMs).padStart(6)} ms  (points cost ${s.drawMs} ms; goal ≤ ${s.goalMs} ms) ${s.medianMs <= s.goalMs ? 'met' : 'NOT met'}`);
  }
  console.log(`  first-load bundle         ${(bundle.gzipBytes / 1024).toFixed(1)} kB gzip (${(bundle.rawBytes / 1024).toFixed(1)} kB raw; goal ≤ 400 kB gzip) ${bundle.gzipBytes <= BUNDLE_GOAL_BYTES ? 'met' : 'NOT met'}`);
  console.log('  → bench/results/web.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
