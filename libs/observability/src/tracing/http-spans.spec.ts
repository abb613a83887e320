import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startInMemoryTracing, type InMemoryTracing } from '../testing';
import { inClientSpan, inCurrentContext, resumeServerSpan, serverSpans, traceHeaders } from './http-spans';

const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const activeSpanId = () => trace.getActiveSpan()?.spanContext().spanId;

describe('HTTP spans', () => {
  let tracing: InMemoryTracing;
  let server: Server | undefined;
  // Once for the file: the module's tracer stays bound to the provider registered when it first traced.
  beforeAll(() => {
    tracing = startInMemoryTracing();
  });
  afterAll(() => tracing.stop());
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
    tracing.reset();
  });
  const listen = async (app: express.Express) => {
    server = createServer(app);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const serverSpan = () => tracing.spans().find((span) => span.kind === SpanKind.SERVER);
  // The span ends on the response's close, just after the client has the answer.
  const ended = async () => {
    for (let i = 0; i < 100 && !serverSpan(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return serverSpan();
  };

  it("should continue the caller's trace and run the handler in the server span, past a body parser that reads by events", async () => {
    const seen: (string | undefined)[] = [];
    const app = express();
    app.use(serverSpans({ unreadBody: 'leave' }));
    app.use((_request, response, next) => {
      seen.push(activeSpanId());
      response.on(
        'finish',
        inCurrentContext(() => seen.push(activeSpanId())),
      );
      next();
    });
    app.post('/graphql', express.json(), resumeServerSpan(), async (request, response) => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(activeSpanId());
      response.status(201).json({ echo: request.body.query });
    });
    const serverUrl = await listen(app);

    const answer = await fetch(`${serverUrl}/graphql?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
      body: JSON.stringify({ query: '{ offers { title } }' }),
    });
    expect(await answer.json()).toEqual({ echo: '{ offers { title } }' });

    const span = await ended();
    expect(span).toBeDefined();
    expect(span?.name).toBe('POST /graphql');
    expect(span?.spanContext().traceId).toBe(CALLER_TRACE);
    expect(span?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(span?.attributes).toMatchObject({ 'http.request.method': 'POST', 'url.path': '/graphql', 'http.response.status_code': 201 });
    // Before the parser, after it (resumed), and in the response's 'finish', emitted outside the request's context.
    expect(seen).toEqual([span?.spanContext().spanId, span?.spanContext().spanId, span?.spanContext().spanId]);
  });

  it('should bind a body nothing has read to the span, for a handler that streams it, and mark a 5xx as an error', async () => {
    const seen: (string | undefined)[] = [];
    const app = express();
    app.use(serverSpans());
    app.post('/upload', (request, response) => {
      request.on('data', () => seen.push(activeSpanId()));
      request.on('end', () => response.status(503).end());
    });
    const serverUrl = await listen(app);

    await fetch(`${serverUrl}/upload`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2\n' });

    const span = await ended();
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([span?.spanContext().spanId]));
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('should leave the probes and /metrics untraced', async () => {
    const app = express();
    app.use(serverSpans());
    app.get('/health', (_request, response) => void response.json({ status: 'ok' }));
    const serverUrl = await listen(app);

    expect((await fetch(`${serverUrl}/health`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tracing.spans()).toEqual([]);
  });

  it('should send a call in a CLIENT span, child of the active span, its traceparent in the headers and its status recorded', async () => {
    const parent = trace.getTracer('test').startSpan('parent');
    const headers = new Headers();
    const status = await trace.getTracer('test').startActiveSpan('parent', async (active) => {
      const answer = await inClientSpan(
        'POST',
        'http://offers:4003/graphql',
        headers,
        async () => ({ status: 502 }),
        (a) => a.status,
      );
      active.end();
      return answer.status;
    });
    parent.end();

    const client = tracing.spans().find((span) => span.kind === SpanKind.CLIENT);
    const active = tracing
      .spans()
      .find((span) => span.name === 'parent' && span.spanContext().spanId === client?.parentSpanContext?.spanId);
    expect(status).toBe(502);
    expect(active).toBeDefined();
    expect(headers.get('traceparent')).toBe(`00-${client?.spanContext().traceId}-${client?.spanContext().spanId}-01`);
    expect(client?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.full': 'http://offers:4003/graphql',
      'http.response.status_code': 502,
    });
    expect(client?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('should record a failed call and pass its error on', async () => {
    await expect(
      inClientSpan(
        'POST',
        'http://offers:4003/graphql',
        {},
        () => Promise.reject(new Error('socket hang up')),
        () => 200,
      ),
    ).rejects.toThrow('socket hang up');
    expect(tracing.spans()[0]?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'socket hang up' });
  });
});

describe('HTTP spans with tracing off', () => {
  it('should add no header and make no span', async () => {
    const headers: Record<string, string> = {};
    expect(
      await inClientSpan(
        'POST',
        'http://offers:4003/graphql',
        headers,
        async () => 'answer',
        () => 200,
      ),
    ).toBe('answer');
    expect(headers).toEqual({});
    expect(traceHeaders()).toEqual({});
    const next = jest.fn();
    serverSpans()({ url: '/graphql', headers: {} } as never, {} as never, next);
    expect(next).toHaveBeenCalledTimes(1);
  });
});
