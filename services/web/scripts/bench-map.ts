import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium, type Route } from 'playwright-core';

/**
 * `node -r @swc-node/register services/web/scripts/bench-map.ts` after `npm run web:build`: time from
 * navigation to a drawn PCA map in headless Chromium, for 8,950 and 100,000 points. The gateway is
 * answered in the page (synthetic points, four segments), so this measures the client: fetch, parse,
 * draw, not the platform.
 */
const DIST = join(__dirname, '..', '..', '..', 'dist', 'services', 'web');
const GATEWAY = 'http://127.0.0.1:1/graphql';
const SEGMENTS = ['revolvers', 'low-activity', 'cash-advance', 'transactors'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

function token(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256' })}.${encode({ role: 'viewer', sub: 'bench' })}.x`;
}

function overview() {
  return {
    championModel: { modelName: 'bench', version: '1', promotedAt: null, createdAt: new Date().toISOString(), forced: false, metrics: {}, mlflowRunUrl: 'http://127.0.0.1:5000', kSweep: [] },
    segments: SEGMENTS.map((id, i) => ({
      __typename: 'Segment', id, label: id, description: id, cluster: i, size: 1, share: 0.25,
      centroid: { __typename: 'PcaPosition', x: Math.cos(i * 1.6) * 3, y: Math.sin(i * 1.6) * 3 }, offer: null,
    })),
  };
}

function points(total: number, limit: number, offset: number) {
  const page = [];
  for (let i = offset; i < Math.min(total, offset + limit); i++) {
    const s = i % 4;
    const r = Math.sqrt(-2 * Math.log(((i * 7919) % 9973 + 1) / 9974));
    const a = ((i * 104729) % 10007) / 10007 * 2 * Math.PI;
    page.push({ __typename: 'PcaPoint', customerId: `C${i}`, segmentId: SEGMENTS[s], x: Math.cos(s * 1.6) * 3 + r * Math.cos(a), y: Math.sin(s * 1.6) * 3 + r * Math.sin(a) });
  }
  return page;
}

async function answer(route: Route, total: number): Promise<void> {
  const request = route.request();
  const headers = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'content-type': 'application/json' };
  if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers });
  const body = JSON.parse(request.postData() ?? '{}') as { operationName?: string; variables?: { limit: number; offset: number } };
  const data = body.operationName === 'PcaPoints' ? { pcaPoints: points(total, body.variables?.limit ?? 0, body.variables?.offset ?? 0) } : overview();
  return route.fulfill({ status: 200, headers, body: JSON.stringify({ data }) });
}

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(DIST, path === '/' ? 'index.html' : path);
    readFile(file).then((b) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(b), () => res.writeHead(404).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    for (const total of [8_950, 100_000]) {
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.route(`${GATEWAY}*`, (route) => answer(route, total));
        await page.addInitScript(`sessionStorage.setItem('seg.accessToken', ${JSON.stringify(token())})`);
        const started = Date.now();
        await page.goto(`${origin}/?gateway=${encodeURIComponent(GATEWAY)}`);
        await page.locator('canvas[data-complete="true"]').waitFor({ timeout: 60_000 });
        times.push(Date.now() - started);
        const drawn = await page.locator('canvas').getAttribute('data-points');
        if (Number(drawn) !== total) throw new Error(`drew ${drawn} of ${total} points`);
        await page.close();
      }
      console.log(`${total} points: navigation to drawn map ${times.join(' / ')} ms (median ${[...times].sort((a, b) => a - b)[1]} ms)`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
