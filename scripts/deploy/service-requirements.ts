import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helm-cli';

const SERVICES_DIR = join(REPO_ROOT, 'services');

/** Node services with a config module, as they exist in the tree right now (others may still be in progress). */
export function configuredServices(): string[] {
  return readdirSync(SERVICES_DIR).filter((service) => existsSync(configModulePath(service)));
}

function configModulePath(service: string): string {
  return join(SERVICES_DIR, service, 'src', 'config', `${service}.config.ts`);
}

interface ConfigSpecLike {
  readonly service: string;
  readonly spec: Record<string, { default?: unknown }>;
}

type Loader = (env: NodeJS.ProcessEnv) => unknown;

function configModule(service: string): { specs: ConfigSpecLike[]; loaders: Loader[] } {
  // The list of services is only known at run time.
  const exports = require(configModulePath(service)) as Record<string, unknown>;
  const values = Object.entries(exports);
  return {
    specs: values.map(([, value]) => value).filter((value): value is ConfigSpecLike => typeof value === 'object' && value !== null && 'spec' in value && 'service' in value),
    loaders: values.filter(([name, value]) => /^load\w*Config$/.test(name) && typeof value === 'function').map(([, value]) => value as Loader),
  };
}

// Loopback defaults that are right on a laptop and wrong in a cluster: an invalid value for each makes
// the loader name exactly the infrastructure variables the service reads.
const INFRASTRUCTURE_PROBE: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'not a url',
  KAFKA_BROKERS: 'not a broker list',
  MLFLOW_TRACKING_URI: 'not a url',
};

export interface ServiceRequirements {
  readonly service: string;
  /** Variables without a default (NODE_ENV=production ignores local defaults) and the infrastructure addresses the service reads. */
  readonly mustBeSet: readonly string[];
  /** Variables whose default is a path inside the repository, i.e. inside the image once built. */
  readonly defaultsInsideRepository: readonly string[];
}

/** What the chart must set for a service, read from its config schema so that the two cannot drift. */
export function serviceRequirements(service: string): ServiceRequirements {
  const { specs, loaders } = configModule(service);
  if (specs.length === 0 || loaders.length === 0) throw new Error(`${configModulePath(service)} exports no config spec or no load*Config function`);
  const mustBeSet = new Set<string>();
  for (const spec of specs) {
    for (const [name, variable] of Object.entries(spec.spec)) if (variable.default === undefined) mustBeSet.add(name);
  }
  for (const load of loaders) {
    try {
      load(INFRASTRUCTURE_PROBE);
    } catch (error) {
      const problems = (error as { problems?: readonly string[] }).problems ?? [];
      for (const problem of problems) {
        const name = /^[A-Z][A-Z0-9_]+/.exec(problem)?.[0];
        if (name && name in INFRASTRUCTURE_PROBE) mustBeSet.add(name);
      }
    }
  }
  const defaultsInsideRepository = specs.flatMap((spec) =>
    Object.entries(spec.spec)
      .filter(([, variable]) => typeof variable.default === 'string' && variable.default.startsWith(REPO_ROOT))
      .map(([name]) => name),
  );
  return { service, mustBeSet: [...mustBeSet].sort(), defaultsInsideRepository };
}

/** The problems a service's configuration loader finds in `env` (none: the service would start). */
export function configProblems(service: string, env: NodeJS.ProcessEnv): readonly string[] {
  const { loaders } = configModule(service);
  const problems: string[] = [];
  for (const load of loaders) {
    try {
      load(env);
    } catch (error) {
      const found = (error as { problems?: readonly string[] }).problems;
      if (!found) throw error;
      problems.push(...found);
    }
  }
  return problems;
}

/**
 * Routes of the services that are not Nest applications, so have no controller metadata to read: the
 * gateway is plain Express (services/gateway/src/http/gateway-server.ts, covered by its own tests).
 */
const NON_NEST_GET_PATHS: Record<string, readonly string[]> = { gateway: ['/health', '/ready', '/me'] };

/** Paths of the GET routes a service serves: its Nest controllers' (no global prefix is set), or the declared ones. */
export function servedGetPaths(service: string): string[] {
  const paths: string[] = [...(NON_NEST_GET_PATHS[service] ?? [])];
  for (const file of controllerFiles(join(SERVICES_DIR, service, 'src'))) {
    // Controllers are discovered on disk.
    for (const exported of Object.values(require(file) as Record<string, unknown>)) {
      if (typeof exported !== 'function') continue;
      const base = Reflect.getMetadata(PATH_METADATA, exported) as string | undefined;
      if (base === undefined) continue;
      const prototype = exported.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string;
        paths.push(`/${[base, sub].map((part) => part.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`);
      }
    }
  }
  return paths.sort();
}

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}
