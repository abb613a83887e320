import { ConfigError } from './define-config';

/** The shape every configuration error of the platform shares (ConfigError, DbConfigError, KafkaConfigError, …). */
function configProblems(error: unknown): readonly string[] | null {
  const problems = (error as { problems?: unknown } | null)?.problems;
  return error instanceof Error && Array.isArray(problems) && problems.every((p) => typeof p === 'string') ? problems : null;
}

type Loaded<T extends Record<string, () => unknown>> = { readonly [K in keyof T]: ReturnType<T[K]> };

/**
 * Loads each part of a service's configuration (its own variables, the database, Kafka, MLflow, …) and,
 * if any is wrong, refuses with the problems of all of them at once, so a deployment is fixed in one go.
 * Errors that are not configuration problems propagate unchanged.
 */
export function loadConfigParts<T extends Record<string, () => unknown>>(service: string, parts: T): Loaded<T> {
  const problems: string[] = [];
  const loaded: Record<string, unknown> = {};
  for (const [name, load] of Object.entries(parts)) {
    try {
      loaded[name] = load();
    } catch (error) {
      const found = configProblems(error);
      if (!found) throw error;
      problems.push(...found);
    }
  }
  if (problems.length > 0) throw new ConfigError(service, problems);
  return loaded as Loaded<T>;
}
