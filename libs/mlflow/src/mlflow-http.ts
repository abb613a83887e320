import type { MlflowConfig } from './mlflow-config';
import { MlflowError, mlflowErrorFromFetchFailure, mlflowErrorFromResponse } from './mlflow-error';

export type FetchFn = typeof fetch;
export type SleepFn = (ms: number) => Promise<void>;

export interface MlflowRequest {
  /** Client call name used in error messages, e.g. `getRun`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the tracking URI, already URL-encoded where needed. */
  path: string;
  /** Arrays become repeated parameters, as MLflow expects for repeated fields. */
  query?: Record<string, string | number | string[] | undefined>;
  json?: unknown;
  body?: Buffer | string;
  contentType?: string;
}

export interface MlflowHttpOptions {
  fetch?: FetchFn;
  sleep?: SleepFn;
  /** Jitter source in [0, 1); fixed in tests. */
  random?: () => number;
}

export const defaultSleep: SleepFn = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Bounded exponential backoff with jitter: base·2^attempt capped at max, then scaled into [½, 1] so
 * that several clients failing together do not retry in lockstep.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const capped = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(capped * (0.5 + random / 2));
}

/**
 * The one place that talks HTTP to MLflow: timeout per attempt, retries for 5xx/429, network errors
 * and timeouts, and MLflow's JSON errors turned into MlflowError.
 * Retrying a POST whose answer was lost may apply it twice; MLflow's own Python client accepts the
 * same trade-off, and the create calls that matter here are made idempotent one level up.
 */
export class MlflowHttp {
  private readonly fetchFn: FetchFn;
  private readonly sleep: SleepFn;
  private readonly random: () => number;

  constructor(
    private readonly config: MlflowConfig,
    options: MlflowHttpOptions = {},
  ) {
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  async json<T>(request: MlflowRequest): Promise<T> {
    const text = (await this.send(request)).toString('utf8');
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new MlflowError(`MLflow ${request.operation} failed: the answer is not JSON (${text.slice(0, 200)})`, {
        operation: request.operation,
        code: 'INVALID_RESPONSE',
        cause: error,
      });
    }
  }

  async buffer(request: MlflowRequest): Promise<Buffer> {
    return this.send(request);
  }

  private async send(request: MlflowRequest): Promise<Buffer> {
    const url = this.url(request);
    const init = this.init(request);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(request.operation, url, init);
      } catch (failure) {
        const retryable = failure instanceof MlflowError && failure.retryable;
        if (!retryable || attempt >= this.config.maxRetries) throw failure;
      }
      await this.sleep(retryDelayMs(attempt, this.config.retryBaseDelayMs, this.config.retryMaxDelayMs, this.random()));
    }
  }

  private async attempt(operation: string, url: string, init: RequestInit): Promise<Buffer> {
    let response: Response;
    let body: Buffer;
    try {
      // The signal covers reading the body too, so a stalled download also times out.
      response = await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(this.config.requestTimeoutMs) });
      body = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw mlflowErrorFromFetchFailure(operation, error, this.config.requestTimeoutMs);
    }
    if (!response.ok) throw mlflowErrorFromResponse(operation, response.status, body.toString('utf8'));
    return body;
  }

  private url(request: MlflowRequest): string {
    const url = new URL(this.config.trackingUri + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
        url.searchParams.append(key, String(item));
      }
    }
    return url.toString();
  }

  private init(request: MlflowRequest): RequestInit {
    if (request.json !== undefined) {
      return {
        method: request.method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request.json),
      };
    }
    return {
      method: request.method,
      headers: request.contentType === undefined ? undefined : { 'content-type': request.contentType },
      body: request.body,
    };
  }
}
