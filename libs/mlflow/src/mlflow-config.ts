import { z } from 'zod';

export interface MlflowConfig {
  /** Base URL of the tracking server, without a trailing slash. */
  trackingUri: string;
  /** Per attempt, covering the whole response body (artifact downloads included). */
  requestTimeoutMs: number;
  /** Extra attempts after the first one, for 5xx/429 answers, network errors and timeouts. */
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** How long createModelVersion waits for the version to leave PENDING_REGISTRATION. */
  modelVersionReadyTimeoutMs: number;
}

const integer = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

// One entry per variable: name, type, local default. None of them is a secret.
const envSchema = z.object({
  MLFLOW_TRACKING_URI: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL')
    .default('http://127.0.0.1:5000'),
  MLFLOW_REQUEST_TIMEOUT_MS: integer(1, 30_000),
  MLFLOW_MAX_RETRIES: integer(0, 3),
  MLFLOW_RETRY_BASE_DELAY_MS: integer(0, 250),
  MLFLOW_RETRY_MAX_DELAY_MS: integer(0, 4_000),
  MLFLOW_MODEL_VERSION_READY_TIMEOUT_MS: integer(1, 60_000),
});

export class MlflowConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid MLflow configuration: ${problems.join('; ')}`);
    this.name = MlflowConfigError.name;
  }
}

/** Reads and validates the MLFLOW_* variables, reporting every bad one at once. */
export function mlflowConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MlflowConfig {
  // An empty variable means "not set", as in a .env file with `KEY=`.
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new MlflowConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}=${JSON.stringify(present[issue.path[0]])}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  return {
    trackingUri: values.MLFLOW_TRACKING_URI.replace(/\/+$/, ''),
    requestTimeoutMs: values.MLFLOW_REQUEST_TIMEOUT_MS,
    maxRetries: values.MLFLOW_MAX_RETRIES,
    retryBaseDelayMs: values.MLFLOW_RETRY_BASE_DELAY_MS,
    retryMaxDelayMs: values.MLFLOW_RETRY_MAX_DELAY_MS,
    modelVersionReadyTimeoutMs: values.MLFLOW_MODEL_VERSION_READY_TIMEOUT_MS,
  };
}
