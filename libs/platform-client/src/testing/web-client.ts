import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { ROOT } from './isolated-platform';

/** Where `npm run web:build` writes the client. */
export const WEB_DIST = join(ROOT, 'dist', 'services', 'web');

/** Debian's Chromium, headless, with nothing of its own on the network. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** The production build, served as any static host would (index.html for unknown paths), on a free loopback port. */
export function serveStatic(root: string = WEB_DIST): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
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
