import { FEATURE_NAMES } from '@seg/ml';
import { GATEWAY_SECRET_HEADER, GATEWAY_SUBGRAPH_IDLE_TIMEOUT_MS, REQUEST_ID_HEADER, USER_ID_HEADER, USER_ROLE_HEADER, type GraphqlResult, type Role } from '@seg/contracts';
import { SignJWT } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { signAccessToken } from './auth/access-token';
import { loadGatewayConfig } from './config/gateway.config';
import { startGatewayServer, type RunningGateway } from './http/gateway-server';
import { composeSupergraph } from './supergraph/compose-supergraph';
import { corsPreflight } from './testing/cors-preflight';
import { IsolatedSubgraphs } from './testing/isolated-subgraphs';
import { TcpRelay } from './testing/tcp-relay';
import { postSubgraphGraphql, type ServiceProcess } from '@seg/nest/testing';

// Three services compile and boot from source at once.
jest.setTimeout(180_000);

interface GraphqlAnswer<T = Record<string, unknown>> extends GraphqlResult<T> {
  readonly status: number;
  readonly headers: Headers;
}

/** Stands between the gateway and offers and records what the gateway sends: the headers a subgraph sees. */
async function startRecordingProxy(target: string) {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer(async (request, response) => {
    received.push(request.headers);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name));
    const upstream = await fetch(target, { method: request.method, headers: headers.map(([name, value]) => [name, String(value)]), body: Buffer.concat(chunks) });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function subgraphSdl(baseUrl: string, secret: string): Promise<string> {
  return (await postSubgraphGraphql<{ data: { _service: { sdl: string } } }>(baseUrl, secret, '{ _service { sdl } }')).data._service.sdl;
}

describe('gateway', () => {
  const subgraphSecret = `it-${randomUUID()}`;
  const jwtSecret = randomBytes(32).toString('hex');
  const customerId = `GW${randomBytes(4).toString('hex').toUpperCase()}`;
  const logs: Record<string, unknown>[] = [];
  // Every subgraph answers only the gateway.
  const subgraphs = new IsolatedSubgraphs({ GATEWAY_SUBGRAPH_SECRET: subgraphSecret });
  let ingestion: ServiceProcess;
  let offers: ServiceProcess;
  let training: ServiceProcess;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  /** Between the gateway and training: the connections the gateway opens, and who closes them. */
  let trainingRelay: TcpRelay;
  let gateway: RunningGateway;

  const token = (role: Role, sub = `it-${role}`) => signAccessToken({ sub, role }, jwtSecret, 300);
  const post = async <T>(query: string, options: { token?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {}): Promise<GraphqlAnswer<T>> => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      body: JSON.stringify({ query, variables: options.variables }),
    });
    return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
  };
  /** Straight from the offers subgraph, past the gateway. */
  const offerTitle = async () =>
    (await postSubgraphGraphql<{ data: { offer: { title: string } } }>(offers.url, subgraphSecret, '{ offer(segmentId: "revolvers") { title } }')).data.offer.title;

  beforeAll(async () => {
    ({ ingestion, offers, training } = await subgraphs.start(['ingestion', 'offers', 'training']));
    const urls = { ingestion: `${ingestion.url}/graphql`, offers: `${offers.url}/graphql` };
    proxy = await startRecordingProxy(urls.offers);
    trainingRelay = new TcpRelay('127.0.0.1', Number(new URL(training.url).port));
    await trainingRelay.open();
    const row = [customerId, '1234.5', ...FEATURE_NAMES.slice(1).map((name) => (name === 'TENURE' ? '12' : name === 'MINIMUM_PAYMENTS' ? '' : '1'))].join(',');
    const upload = await fetch(`${ingestion.url}/v1/customers/csv`, {
      method: 'POST',
      // The upload is guarded by the same shared secret as the subgraphs' /graphql.
      headers: { 'content-type': 'text/csv', [GATEWAY_SECRET_HEADER]: subgraphSecret },
      body: `${['CUST_ID', ...FEATURE_NAMES].join(',')}\n${row}\n`,
    });
    expect(upload.status).toBe(200);

    // Composed from the running subgraphs' SDL, with addresses the gateway's *_URL settings must override.
    const bases = { ingestion: ingestion.url, offers: offers.url, training: training.url };
    const sdl = await Promise.all(Object.entries(bases).map(async ([name, base]) => ({ name, url: 'http://127.0.0.1:9/unused', sdl: await subgraphSdl(base, subgraphSecret) })));
    const config = loadGatewayConfig({
      GATEWAY_PORT: '0',
      GATEWAY_METRICS_PORT: '0',
      GATEWAY_JWT_SECRET: jwtSecret,
      GATEWAY_SUBGRAPH_SECRET: subgraphSecret,
      GATEWAY_MAX_DEPTH: '3',
      GATEWAY_READY_TIMEOUT_MS: '1000',
      INGESTION_URL: urls.ingestion,
      OFFERS_URL: proxy.url,
      TRAINING_URL: `${trainingRelay.url}/graphql`,
    });
    gateway = await startGatewayServer(config, { supergraphSdl: composeSupergraph(sdl), log: (entry) => logs.push(entry) });
  });

  afterAll(async () => {
    await gateway?.stop();
    await proxy?.close();
    await trainingRelay?.cut();
    await subgraphs.close();
  });

  it('should answer a viewer’s query across ingestion and offers and pass the request id and the caller on when the token is valid', async () => {
    const requestId = `it-${randomUUID()}`;
    const answer = await post<{ customer: { id: string; features: { balance: number } }; offers: { segmentId: string }[] }>(
      `query Overview { customer(id: "${customerId}") { id features { balance } } offers { segmentId } }`,
      { token: await token('viewer', 'vera'), headers: { [REQUEST_ID_HEADER]: requestId } },
    );

    expect(answer.errors).toBeUndefined();
    expect(answer.data?.customer).toEqual({ id: customerId, features: { balance: 1234.5 } });
    expect(answer.data?.offers.map((offer) => offer.segmentId)).toContain('revolvers');
    expect(answer.headers.get(REQUEST_ID_HEADER)).toBe(requestId);
    expect(proxy.received.at(-1)).toMatchObject({ [REQUEST_ID_HEADER]: requestId, [USER_ID_HEADER]: 'vera', [USER_ROLE_HEADER]: 'viewer', [GATEWAY_SECRET_HEADER]: subgraphSecret });
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'request', requestId, path: '/graphql', status: 200, userId: 'vera' }));
  });

  it('should refuse with 401 UNAUTHENTICATED and call no subgraph when there is no token or a forged one', async () => {
    const calls = proxy.received.length;
    const anonymous = await post(`{ offers { segmentId } }`);
    const forged = await post(`{ offers { segmentId } }`, { token: await signAccessToken({ sub: 'eve', role: 'admin' }, 'not-the-gateway-secret-0123456789abcdef', 300) });

    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeUndefined();
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]).toMatchObject({ message: expect.stringContaining('signature verification failed'), extensions: { code: 'UNAUTHENTICATED' } });
    expect(proxy.received.length).toBe(calls);
  });

  it('should refuse a viewer’s updateOffer with 403 FORBIDDEN naming the field and leave the offer unchanged', async () => {
    const before = await offerTitle();
    const calls = proxy.received.length;
    const answer = await post(`mutation { renamed: updateOffer(segmentId: "revolvers", input: { title: "Hijacked" }) { title } }`, { token: await token('viewer') });

    expect(answer.status).toBe(403);
    expect(answer.errors?.[0]).toMatchObject({ message: expect.stringContaining('Mutation.updateOffer needs the admin role'), extensions: { code: 'FORBIDDEN', field: 'Mutation.updateOffer' } });
    expect(proxy.received.length).toBe(calls);
    expect(await offerTitle()).toBe(before);
  });

  it('should let an admin update an offer, recorded under the token’s subject', async () => {
    const title = `Balance transfer ${randomUUID().slice(0, 8)}`;
    const answer = await post<{ updateOffer: { title: string; updatedBy: string } }>(
      `mutation ($title: String!) { updateOffer(segmentId: "revolvers", input: { title: $title }) { title updatedBy } }`,
      { token: await token('admin', 'ada'), variables: { title } },
    );

    expect(answer.errors).toBeUndefined();
    expect(answer.data?.updateOffer).toEqual({ title, updatedBy: 'ada' });
    expect(await offerTitle()).toBe(title);
  });

  it('should pass a subgraph’s BAD_USER_INPUT through with its field and no stack trace', async () => {
    const answer = await post(`{ offer(segmentId: "cluster-2") { title } }`, { token: await token('viewer') });

    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'segmentId' });
    expect(JSON.stringify(answer.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it('should refuse a query deeper than GATEWAY_MAX_DEPTH before any subgraph is called', async () => {
    const calls = proxy.received.length;
    const answer = await post(`{ offers { segmentId } customers(first: 1) { edges { node { id } } } }`, { token: await token('admin') });

    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]).toMatchObject({ message: 'Query exceeds the limit of 3 levels of nesting', extensions: { code: 'QUERY_TOO_DEEP' } });
    expect(answer.data).toBeUndefined();
    expect(proxy.received.length).toBe(calls);
  });

  it('should make a subgraph refuse a direct call without the secret while its health stays open', async () => {
    const call = (headers: Record<string, string>) =>
      fetch(`${offers.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ offers { title } }' }) });
    const direct = await call({});
    const wrong = await call({ [GATEWAY_SECRET_HEADER]: 'guess' });
    const right = await call({ [GATEWAY_SECRET_HEADER]: subgraphSecret });
    const health = await fetch(`${offers.url}/health`);

    expect(direct.status).toBe(403);
    expect(((await direct.json()) as GraphqlAnswer).errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(wrong.status).toBe(403);
    expect(right.status).toBe(200);
    expect(health.status).toBe(200);
  });

  it('should answer a browser preflight from the web origin only', async () => {
    const request = { method: 'POST', headers: 'authorization,content-type' };
    const web = await corsPreflight(`${gateway.url}/graphql`, 'http://localhost:8080', request);
    const stranger = await corsPreflight(`${gateway.url}/graphql`, 'https://evil.example', request);

    expect(web).toEqual({ status: 204, allowOrigin: 'http://localhost:8080', allowHeaders: expect.stringContaining('authorization') });
    // A browser that traces (an OpenTelemetry web SDK) may send its trace context for the gateway to continue.
    expect(web.allowHeaders.split(',')).toEqual(expect.arrayContaining(['traceparent', 'tracestate']));
    expect(stranger.allowOrigin).toBeNull();
  });

  it('should reuse a subgraph connection idle past Node’s default keep-alive, and close idle ones before the subgraph would', async () => {
    const runs = async () => (await post<{ trainingRuns: unknown[] }>('{ trainingRuns(first: 1) { id } }', { token: await token('viewer') })).data?.trainingRuns;
    expect(await runs()).toEqual([]);
    const opened = trainingRelay.connections.length;
    // A Node server closes a connection idle for 5 s by default (plus 1 s of grace): a request after that long raced
    // the close, the "socket hang up" seen under load. Now the subgraph keeps it, and the gateway reuses it.
    await sleep(7_000);

    expect(await runs()).toEqual([]);
    expect(trainingRelay.connections).toHaveLength(opened);
    expect(trainingRelay.connections.filter((connection) => connection.closedBy === 'server')).toEqual([]);
    await sleep(GATEWAY_SUBGRAPH_IDLE_TIMEOUT_MS + 1_000);
    // The gateway closed every idle connection itself, none was closed under it.
    expect(trainingRelay.connections.map((connection) => connection.closedBy)).toEqual(trainingRelay.connections.map(() => 'client'));
  }, 60_000);

  describe('when a request is hostile or malformed', () => {
    /** What must never reach a client: a stack frame, a source path, an HTML page. */
    const LEAKS = /node_modules|\bat \S+ \(|\.[jt]s:\d+|<html|stacktrace/i;
    const faults = () => logs.filter((entry) => entry.level === 'error');
    const raw = async (body: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('viewer')}`, ...headers },
        body,
      });
      const text = await response.text();
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) as GraphqlAnswer };
    };

    it('should answer malformed JSON with a JSON 400 and no stack trace, and log no fault', async () => {
      const before = faults().length;
      const answer = await raw('{"query": "{ offers { title } }", ');

      expect({ status: answer.status, contentType: answer.contentType, leaks: LEAKS.test(answer.text) }).toEqual({ status: 400, contentType: expect.stringContaining('application/json'), leaks: false });
      expect(answer.json().errors?.[0]).toMatchObject({ message: expect.stringMatching(/JSON/), extensions: { code: 'BAD_REQUEST' } });
      expect(faults().length).toBe(before);
    });

    it('should answer a 5 MB body with a JSON 413 and no stack trace, and log no fault', async () => {
      const before = faults().length;
      const answer = await raw(JSON.stringify({ query: `{ offers { title } } # ${'x'.repeat(5_000_000)}` }));

      expect({ status: answer.status, contentType: answer.contentType, leaks: LEAKS.test(answer.text) }).toEqual({ status: 413, contentType: expect.stringContaining('application/json'), leaks: false });
      expect(answer.json().errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(faults().length).toBe(before);
    });

    it('should refuse 1e999, inline or in the variables, with 400 BAD_USER_INPUT before any subgraph is called, and log no fault', async () => {
      const calls = proxy.received.length;
      const before = faults().length;
      const inline = await raw(JSON.stringify({ query: '{ offers { title } customers(first: 1e999) { totalCount } }' }));
      const variable = await raw('{"query":"query ($first: Int!) { offers { title } customers(first: $first) { totalCount } }","variables":{"first":1e999}}');

      for (const answer of [inline, variable]) {
        expect({ status: answer.status, code: answer.json().errors?.[0]?.extensions?.code, leaks: LEAKS.test(answer.text) }).toEqual({ status: 400, code: 'BAD_USER_INPUT', leaks: false });
      }
      expect(inline.json().errors?.[0]?.message).toContain('1e999');
      expect(proxy.received.length).toBe(calls);
      expect(faults().length).toBe(before);
    });

    it('should refuse an unknown operationName and two anonymous operations with 400, and log no fault', async () => {
      const before = faults().length;
      const unknown = await raw(JSON.stringify({ query: 'query Read { offers { title } }', operationName: 'Write' }));
      const twoAnonymous = await raw(JSON.stringify({ query: '{ offers { title } } { offers { segmentId } }' }));

      expect({ status: unknown.status, code: unknown.json().errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'OPERATION_RESOLUTION_FAILURE' });
      expect(unknown.json().errors?.[0]?.message).toContain("'Write'");
      expect(twoAnonymous.status).toBe(400);
      expect(twoAnonymous.json().errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(faults().length).toBe(before);
    });

    it('should make the subgraphs answer a malformed body in JSON too, the ingestion CSV upload included', async () => {
      for (const target of [`${ingestion.url}/v1/customers/csv`, `${offers.url}/graphql`]) {
        const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: subgraphSecret }, body: '{"query": ' });
        const text = await response.text();

        expect({ target, status: response.status, contentType: response.headers.get('content-type'), leaks: LEAKS.test(text) }).toEqual({
          target,
          status: 400,
          contentType: expect.stringContaining('application/json'),
          leaks: false,
        });
      }
    });

    it('should refuse with 401 a token that expires in 2100 or was issued a year ahead', async () => {
      const key = new TextEncoder().encode(jwtSecret);
      const now = Math.floor(Date.now() / 1000);
      const sign = (iat: number, exp: number) => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuedAt(iat).setExpirationTime(exp).sign(key);
      const forever = await post(`{ offers { title } }`, { token: await sign(now, Date.UTC(2100, 0, 1) / 1000) });
      const future = await post(`{ offers { title } }`, { token: await sign(now + 365 * 86_400, now + 365 * 86_400 + 3_600) });

      expect({ status: forever.status, code: forever.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      expect(forever.errors?.[0]?.message).toMatch(/lifetime/);
      expect({ status: future.status, code: future.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      expect(future.errors?.[0]?.message).toMatch(/future/);
    });

    it('should refuse an alias bomb and a field repeated 150 times with 400 QUERY_TOO_LARGE before any subgraph is called', async () => {
      const calls = proxy.received.length;
      const aliases = await post(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: offers { title }`).join(' ')} }`, { token: await token('viewer') });
      const repeats = await post(`{ offers { ${'title '.repeat(150)}} }`, { token: await token('viewer') });

      expect({ status: aliases.status, code: aliases.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'QUERY_TOO_LARGE' });
      expect(aliases.errors?.[0]?.message).toMatch(/aliases/);
      expect({ status: repeats.status, code: repeats.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'QUERY_TOO_LARGE' });
      expect(repeats.errors?.[0]?.message).toMatch(/repeat/);
      expect(proxy.received.length).toBe(calls);
    });

    // Validation of a repeated field is quadratic in graphql-js: unbounded, 8,000 repeats froze the gateway for 12.5 s.
    it.each([8_000, 20_000])('should refuse a field repeated %i times with 400 QUERY_TOO_LARGE while /health keeps answering', async (times) => {
      const calls = proxy.received.length;
      const viewer = await token('viewer');
      const started = performance.now();
      const [refused, health] = await Promise.all([
        post(`{ offers { ${'title '.repeat(times)}} }`, { token: viewer }).then((answer) => ({ answer, ms: performance.now() - started })),
        // A generous bound that only a frozen event loop misses.
        fetch(`${gateway.url}/health`, { signal: AbortSignal.timeout(5_000) }).then((response) => ({ status: response.status, ms: performance.now() - started })),
      ]);
      console.log(`${times} repeats (${((times * 6) / 1024).toFixed(0)} KB): refused with ${refused.answer.status} after ${refused.ms.toFixed(0)} ms; /health answered ${health.status} after ${health.ms.toFixed(0)} ms`);

      expect({ status: refused.answer.status, code: refused.answer.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'QUERY_TOO_LARGE' });
      expect(health.status).toBe(200);
      expect(proxy.received.length).toBe(calls);
    });
  });

  it('should report ready while every subgraph answers, and name the one that stopped', async () => {
    const live = await fetch(`${gateway.url}/health`);
    const ready = await fetch(`${gateway.url}/ready`);
    expect(live.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', subgraphs: { ingestion: 'up', offers: 'up', training: 'up' } });

    await training.stop();
    const degraded = await fetch(`${gateway.url}/ready`);

    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toEqual({ status: 'unavailable', subgraphs: { ingestion: 'up', offers: 'up', training: expect.stringMatching(/^down: /) } });
  });
});
