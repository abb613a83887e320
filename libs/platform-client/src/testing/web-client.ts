import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { waitFor } from '../wait-for';
import { ARTIFACTS, ROOT, type IsolatedPlatform } from './isolated-platform';

/** The real dataset beside the workspace (never committed), and its customers. */
export const REAL_DATA = resolve(ROOT, '..', 'shared', 'data', 'Customer Data.csv');
export const REAL_ROWS = 8_950;

/** Where `npm run web:build` writes the client. */
export const WEB_DIST = join(ROOT, 'dist', 'services', 'web');

/** Debian's Chromium, headless, with nothing of its own on the network. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/**
 * The production build, served as any static host would (index.html for unknown paths), on a free loopback port;
 * `config` replaces the build's config.json, as a deployment writes its own.
 */
export function serveStatic(options: { root?: string; config?: () => object } = {}): Promise<{ server: Server; origin: string }> {
  const root = options.root ?? WEB_DIST;
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path === '/config.json' && options.config) {
      response.writeHead(200, { 'content-type': TYPES['.json'] }).end(JSON.stringify(options.config()));
      return;
    }
    const file = join(root, path === '/' || !extname(path) ? 'index.html' : path);
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    resolveServer({ server, origin: `http://127.0.0.1:${port}` });
  }));
}

/**
 * The client's production build, as deployed: under jest NODE_ENV is "test", which would bundle React's development
 * build (and its StrictMode double effects). Also checks the real data is there and makes the artifacts folder.
 */
export function buildWebClient(): void {
  if (!existsSync(REAL_DATA)) throw new Error(`The real data is needed at ${REAL_DATA} (see data/README.md)`);
  const build = spawnSync('npm', ['run', '--silent', 'web:build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) throw new Error(`npm run web:build failed:\n${build.stdout}\n${build.stderr}`);
  mkdirSync(ARTIFACTS, { recursive: true });
}

/** Starts the platform with the real customers ingested, a champion trained and every customer scored. */
export async function startTrainedPlatform(platform: IsolatedPlatform): Promise<void> {
  await platform.start();
  await platform.flow.ingest(REAL_DATA);
  const admin = await platform.flow.gateway('admin');
  await platform.flow.train(admin);
  await platform.flow.scored(admin, REAL_ROWS);
}

/**
 * Chromium for a test file and a fresh desktop-sized page for each test, closed after it. Call it in the `describe`
 * after the file's own `beforeAll`, so the browser starts once the platform is up.
 */
export function useChromium(): { readonly page: Page } {
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await chromium.launch(CHROMIUM);
  });
  beforeEach(async () => {
    page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
    // Playwright's 30 s default is for a quiet machine; in CI the segments query can wait behind other tiers' work.
    page.setDefaultTimeout(120_000);
  });
  afterEach(async () => {
    await page?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get page(): Page {
      if (!page) throw new Error('no page: use it inside a test');
      return page;
    },
  };
}

/**
 * In an admin's offer editor: picks `segmentId`'s offer, waits for its stored title `current`, saves `changed` as its
 * title, and returns the audit trail's newest entry once it shows the change.
 */
export async function saveOfferTitle(page: Page, segmentId: string, current: string, changed: string): Promise<Locator> {
  const editor = page.getByRole('region', { name: 'Offers' });
  await editor.getByLabel('Offer of segment').selectOption(segmentId);
  const title = editor.getByLabel('Title', { exact: true });
  await waitFor(`the ${segmentId} offer in the editor`, async () => ({ done: (await title.inputValue()) === current, status: await title.inputValue() }), { timeoutSeconds: 60 });
  await title.fill(changed);
  await editor.getByRole('button', { name: 'Save offer' }).click();
  await editor.getByRole('status').waitFor();
  const latest = editor.getByRole('list', { name: 'Audit trail' }).getByRole('listitem').first();
  await latest.getByRole('cell', { name: changed }).waitFor();
  return latest;
}
