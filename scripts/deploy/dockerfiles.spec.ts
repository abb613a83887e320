import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './helm-cli';

const DOCKER_DIR = join(REPO_ROOT, 'docker');
const PINNED_NODE = readFileSync(join(REPO_ROOT, '.nvmrc'), 'utf8').trim();
// Every deployable component has an image, including services still being written.
const COMPONENTS = ['gateway', 'ingestion', 'training', 'scoring', 'offers', 'web'];

interface Instruction {
  readonly keyword: string;
  readonly argument: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), argument: rest.join(' ') };
    });
}

function finalStage(all: readonly Instruction[]): Instruction[] {
  const lastFrom = all.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  return all.slice(lastFrom);
}

const dockerfiles = Object.fromEntries(COMPONENTS.map((component) => [component, join(DOCKER_DIR, `${component}.Dockerfile`)]));

describe('Dockerfiles', () => {
  it('should exist for every deployable component', () => {
    expect(COMPONENTS.filter((component) => !existsSync(dockerfiles[component]))).toEqual([]);
    expect(readdirSync(DOCKER_DIR).filter((file) => file.endsWith('.Dockerfile')).sort()).toEqual(COMPONENTS.map((c) => `${c}.Dockerfile`).sort());
  });

  it.each(COMPONENTS)('should build %s in several stages from bases pinned to an exact version, never latest', (component) => {
    const froms = instructions(readFileSync(dockerfiles[component], 'utf8')).filter((i) => i.keyword === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const { argument } of froms) {
      const image = argument.split(/\s+/)[0];
      expect({ image, pinned: /:\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/.test(image), latest: /latest/.test(image) }).toEqual({ image, pinned: true, latest: false });
    }
    if (component !== 'web') for (const { argument } of froms) expect(argument.split(/\s+/)[0]).toBe(`node:${PINNED_NODE}-bookworm-slim`);
  });

  it.each(COMPONENTS)('should build %s on the pinned Node (.nvmrc) and copy the wrapper its npm scripts run through', (component) => {
    const all = instructions(readFileSync(dockerfiles[component], 'utf8'));
    const build = all.slice(0, all.map((i) => i.keyword).lastIndexOf('FROM'));
    expect(build[0].argument.split(/\s+/)[0]).toBe(`node:${PINNED_NODE}-bookworm-slim`);
    const scripts: Record<string, string> = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
    const used = build.filter((i) => i.keyword === 'RUN').flatMap((i) => [...i.argument.matchAll(/npm run (?:--\S+ )*([\w:-]+)/g)].map((m) => m[1]));
    if (used.some((script) => scripts[script]?.includes('scripts/node/run.sh'))) {
      const copied = build.filter((i) => i.keyword === 'COPY').flatMap((i) => i.argument.split(/\s+/).slice(0, -1));
      expect(copied).toEqual(expect.arrayContaining(['.nvmrc', 'scripts/node']));
    }
  });

  it.each(COMPONENTS)('should build %s only with npm scripts the repository defines', (component) => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts);
    const runs = instructions(readFileSync(dockerfiles[component], 'utf8')).filter((i) => i.keyword === 'RUN');
    const used = runs.flatMap((i) => [...i.argument.matchAll(/npm run (?:--\S+ )*([\w:-]+)/g)].map((m) => m[1]));
    expect(used.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  it.each(COMPONENTS.filter((component) => component !== 'web'))('should patch the dependencies of %s as the postinstall npm ci --ignore-scripts skips does', (component) => {
    const postinstall: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.postinstall;
    const runs = instructions(readFileSync(dockerfiles[component], 'utf8')).filter((i) => i.keyword === 'RUN' && /npm ci\b.*--ignore-scripts/.test(i.argument));
    expect(runs).toHaveLength(1);
    expect(runs[0].argument).toContain(`&& npx ${postinstall}`);
  });

  it.each(COMPONENTS)('should run %s as a numeric non-root user with a HEALTHCHECK in the final stage', (component) => {
    const final = finalStage(instructions(readFileSync(dockerfiles[component], 'utf8')));
    const users = final.filter((i) => i.keyword === 'USER').map((i) => i.argument);
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1];
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    expect(final.filter((i) => i.keyword === 'HEALTHCHECK' && /\/health/.test(i.argument))).toHaveLength(1);
  });

  it.each(COMPONENTS)('should bake no secret into the %s image', (component) => {
    const all = instructions(readFileSync(dockerfiles[component], 'utf8'));
    const settings = all.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG').map((i) => i.argument);
    for (const setting of settings) expect(setting).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL|_KEY\b/i);
    expect(all.filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /\.env\b(?!\.example)/.test(i.argument))).toEqual([]);
  });

  it('should keep local state, installs and data out of the build context', () => {
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split(/\r?\n/);
    expect(ignored).toEqual(expect.arrayContaining(['.stack', '**/node_modules', '.env', '.git']));
  });

  it("should serve the web client's config.json from the file the image ships and the chart mounts over", () => {
    const config = readFileSync(join(DOCKER_DIR, 'web', 'nginx.conf'), 'utf8');
    const served = /location = \/config\.json \{[^}]*alias ([^;]+);/.exec(config)?.[1];
    const dockerfile = readFileSync(join(DOCKER_DIR, 'web.Dockerfile'), 'utf8');
    const chart = readFileSync(join(REPO_ROOT, 'helm', 'segmentation', 'templates', 'deployments.yaml'), 'utf8');

    expect(served).toBe('/etc/segmentation-web/config.json');
    expect(dockerfile).toContain(`COPY --chown=root:root docker/web/config.json ${served}`);
    expect(chart).toMatch(/name: web-config\s+mountPath: \/etc\/segmentation-web\s/);
    expect(JSON.parse(readFileSync(join(DOCKER_DIR, 'web', 'config.json'), 'utf8'))).toEqual({ gatewayUrl: '/graphql', auth: { mode: 'local' } });
  });

  it('should serve the web client /health probe path from its nginx configuration', () => {
    const config = readFileSync(join(DOCKER_DIR, 'web', 'nginx.conf'), 'utf8');
    expect(config).toMatch(/location = \/health \{[^}]*return 200/);
    expect(config).toMatch(/listen 8080;/);
  });

  it('should build every compose image from an existing Dockerfile and point the services at the compose infrastructure', () => {
    const compose = parse(readFileSync(join(DOCKER_DIR, 'compose.yaml'), 'utf8'), { merge: true }) as {
      services: Record<string, { build?: { dockerfile: string }; environment?: Record<string, string>; read_only?: boolean }>;
    };
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) expect({ name, exists: existsSync(join(REPO_ROOT, service.build.dockerfile)) }).toEqual({ name, exists: true });
    }
    for (const name of ['ingestion', 'training', 'scoring', 'offers', 'gateway']) {
      const service = compose.services[name];
      expect({ name, readOnly: service.read_only, kafka: service.environment?.KAFKA_BROKERS, postgres: service.environment?.POSTGRES_HOST }).toEqual({ name, readOnly: true, kafka: 'kafka:19092', postgres: 'postgres' });
    }
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'kafka', 'mlflow', 'web']));
  });
});
