/**
 * One validated configuration per service, read from environment variables: every variable has a
 * type, a description, a default for local runs (or none when it must be set), and a secret flag.
 * Loading checks every variable and reports all the bad ones at once, so an operator fixes a
 * deployment in one go instead of one restart per typo.
 */
export interface VarSpec<T> {
  readonly description: string;
  /** Used whenever the variable is unset. */
  readonly default?: T;
  /**
   * Used only outside production (NODE_ENV !== 'production'): convenient local values, such as a
   * development JWT secret, that must never silently reach a real deployment.
   */
  readonly localDefault?: T;
  readonly secret?: boolean;
  readonly parse: (raw: string) => T;
  /** Rendered in `.env.example`-style listings. */
  readonly kind: string;
}

export type ConfigSpec = Record<string, VarSpec<unknown>>;
export type ConfigOf<S extends ConfigSpec> = { readonly [K in keyof S]: S[K] extends VarSpec<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(`${service}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Options<T> = Omit<VarSpec<T>, 'parse' | 'kind'>;

export function str(options: Options<string> & { minLength?: number }): VarSpec<string> {
  const { minLength, ...rest } = options;
  return {
    ...rest,
    kind: minLength === undefined ? 'string' : `string of ≥ ${minLength} characters`,
    parse: (raw) => {
      if (raw.trim() === '') throw new Error('must not be empty');
      // The length only: the value may be a secret.
      if (minLength !== undefined && raw.length < minLength) throw new Error(`must be at least ${minLength} characters, got ${raw.length}`);
      return raw;
    },
  };
}

export function int(options: Options<number> & { min?: number; max?: number }): VarSpec<number> {
  return {
    ...options,
    kind: 'integer',
    parse: (raw) => {
      if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be a whole number, got '${raw}'`);
      const value = Number(raw);
      if (options.min !== undefined && value < options.min) throw new Error(`must be ≥ ${options.min}, got ${value}`);
      if (options.max !== undefined && value > options.max) throw new Error(`must be ≤ ${options.max}, got ${value}`);
      return value;
    },
  };
}

/** A decimal number, e.g. a threshold of 0.25. */
export function num(options: Options<number> & { min?: number; max?: number }): VarSpec<number> {
  return {
    ...options,
    kind: 'number',
    parse: (raw) => {
      const value = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`must be a number, got '${raw}'`);
      if (options.min !== undefined && value < options.min) throw new Error(`must be ≥ ${options.min}, got ${value}`);
      if (options.max !== undefined && value > options.max) throw new Error(`must be ≤ ${options.max}, got ${value}`);
      return value;
    },
  };
}

export function bool(options: Options<boolean>): VarSpec<boolean> {
  return {
    ...options,
    kind: 'boolean',
    parse: (raw) => {
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      throw new Error(`must be true or false, got '${raw}'`);
    },
  };
}

export function url(options: Options<string> & { protocols?: readonly string[] }): VarSpec<string> {
  return {
    ...options,
    kind: 'url',
    parse: (raw) => {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw new Error(`must be a URL, got '${raw}'`);
      }
      const protocol = parsed.protocol.replace(/:$/, '');
      if (options.protocols && !options.protocols.includes(protocol)) {
        throw new Error(`must use ${options.protocols.join(' or ')}, got '${protocol}'`);
      }
      return raw;
    },
  };
}

export function oneOf<T extends string>(choices: readonly T[], options: Options<T>): VarSpec<T> {
  return {
    ...options,
    kind: choices.join('|'),
    parse: (raw) => {
      if (!(choices as readonly string[]).includes(raw)) throw new Error(`must be one of ${choices.join(', ')}, got '${raw}'`);
      return raw as T;
    },
  };
}

export function list(options: Options<string[]>): VarSpec<string[]> {
  return {
    ...options,
    kind: 'comma-separated list',
    parse: (raw) => {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      if (items.length === 0) throw new Error('must list at least one value');
      return items;
    },
  };
}

export interface ServiceConfig<S extends ConfigSpec> {
  readonly service: string;
  readonly spec: S;
  /** Parses and validates `env`; throws a ConfigError naming every bad or missing variable. */
  load(env?: NodeJS.ProcessEnv): ConfigOf<S>;
  /** The loaded values as printable text, secrets masked. */
  redact(config: ConfigOf<S>): Record<string, string>;
}

export function defineConfig<S extends ConfigSpec>(service: string, spec: S): ServiceConfig<S> {
  return {
    service,
    spec,
    load(env = process.env) {
      const production = env.NODE_ENV === 'production';
      const values: Record<string, unknown> = {};
      const problems: string[] = [];
      for (const [name, v] of Object.entries(spec)) {
        const raw = env[name];
        if (raw === undefined || raw === '') {
          const fallback = v.default ?? (production ? undefined : v.localDefault);
          if (fallback === undefined) {
            problems.push(`${name} is required (${v.description})`);
          } else {
            values[name] = fallback;
          }
          continue;
        }
        try {
          values[name] = v.parse(raw);
        } catch (error) {
          // A secret's value never appears in an error message, only what is wrong with it.
          problems.push(`${name} ${(error as Error).message.replace(raw, v.secret ? '***' : raw)}`);
        }
      }
      if (problems.length > 0) throw new ConfigError(service, problems);
      return values as ConfigOf<S>;
    },
    redact(config) {
      return Object.fromEntries(
        Object.entries(spec).map(([name, v]) => {
          const value = (config as Record<string, unknown>)[name];
          return [name, v.secret ? '***' : Array.isArray(value) ? value.join(',') : String(value)];
        }),
      );
    },
  };
}

/** Loads a service's configuration, or prints every problem and exits: a misconfigured service must not start. */
export function loadConfigOrExit<T>(load: () => T, exitCode = 1): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return process.exit(exitCode);
  }
}
