import type { MlflowConfig } from './mlflow-config';
import { MlflowError } from './mlflow-error';
import { MlflowHttp, retryDelayMs, type FetchFn } from './mlflow-http';

const config: MlflowConfig = {
  trackingUri: 'http://mlflow.test',
  requestTimeoutMs: 50,
  maxRetries: 2,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 300,
  modelVersionReadyTimeoutMs: 1_000,
};

/** Answers with the scripted outcomes in order and records what was asked. */
function scriptedFetch(outcomes: Array<Response | Error>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetchFn: FetchFn = async (input, init) => {
    calls.push({ url: String(input), init });
    const outcome = outcomes[Math.min(calls.length - 1, outcomes.length - 1)];
    if (outcome instanceof Error) throw outcome;
    return outcome.clone();
  };
  return { fetchFn, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refused = () => new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });

function client(outcomes: Array<Response | Error>) {
  const { fetchFn, calls } = scriptedFetch(outcomes);
  const delays: number[] = [];
  const http = new MlflowHttp(config, {
    fetch: fetchFn,
    sleep: async (ms) => void delays.push(ms),
    random: () => 1,
  });
  return { http, calls, delays };
}

const getRun = { operation: 'getRun', method: 'GET', path: '/api/2.0/mlflow/runs/get', query: { run_id: 'abc' } } as const;

describe(MlflowHttp.name, () => {
  it('should retry with growing, capped delays and return the answer when the server recovers', async () => {
    const { http, calls, delays } = client([json(503, {}), refused(), json(200, { run: { id: 1 } })]);

    await expect(http.json(getRun)).resolves.toEqual({ run: { id: 1 } });
    expect(calls).toHaveLength(3);
    expect(calls[0].url).toBe('http://mlflow.test/api/2.0/mlflow/runs/get?run_id=abc');
    expect(delays).toEqual([100, 200]);
  });

  it('should give up after maxRetries and throw the last failure when the server stays down', async () => {
    const { http, calls, delays } = client([refused()]);

    const failure = await http.json(getRun).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MlflowError);
    expect(failure).toMatchObject({ code: 'NETWORK_ERROR', operation: 'getRun' });
    expect(calls).toHaveLength(1 + config.maxRetries);
    expect(delays).toHaveLength(config.maxRetries);
  });

  it('should not retry when the request itself is wrong', async () => {
    const { http, calls, delays } = client([json(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'bad run id' }), json(200, {})]);

    await expect(http.json(getRun)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE', httpStatus: 400 });
    expect(calls).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('should time out each attempt when the server does not answer in time', async () => {
    const calls: number[] = [];
    const hanging: FetchFn = (_input, init) =>
      new Promise((_resolve, reject) => {
        calls.push(Date.now());
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const http = new MlflowHttp({ ...config, maxRetries: 1 }, { fetch: hanging, sleep: async () => undefined });

    await expect(http.json(getRun)).rejects.toMatchObject({ code: 'TIMEOUT', message: 'MLflow getRun failed: no answer within 50 ms' });
    expect(calls).toHaveLength(2);
  });

  it('should send JSON bodies and repeated query parameters when asked to', async () => {
    const { http, calls } = client([json(200, {})]);

    await http.json({ operation: 'search', method: 'GET', path: '/x', query: { order_by: ['a DESC', 'b'], page_token: undefined } });
    await http.json({ operation: 'create', method: 'POST', path: '/y', json: { name: 'n' } });

    expect(calls[0].url).toBe('http://mlflow.test/x?order_by=a+DESC&order_by=b');
    expect(calls[1].init).toMatchObject({ method: 'POST', body: '{"name":"n"}', headers: { 'content-type': 'application/json' } });
  });
});

describe(retryDelayMs.name, () => {
  it('should double from the base, stay under the cap and jitter down to half when retrying', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => retryDelayMs(attempt, 100, 500, 1))).toEqual([100, 200, 400, 500, 500]);
    expect(retryDelayMs(1, 100, 500, 0)).toBe(100);
  });
});
