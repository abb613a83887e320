import { FEATURE_NAMES } from '@seg/ml';
import { postSubgraphGraphql, type ServiceProcess } from '@seg/nest/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { signAccessToken } from '../auth/access-token';
import type { Role } from '@seg/contracts';
import { loadGatewayConfig } from '../config/gateway.config';
import { startGatewayServer, type RunningGateway } from '../http/gateway-server';
import { composeSupergraph } from '../supergraph/compose-supergraph';
import { IsolatedSubgraphs } from '../testing/isolated-subgraphs';
import { CSV_UPLOAD_PATH } from './csv-upload.route';

jest.setTimeout(180_000);

const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
const MAX_UPLOAD_BYTES = 100_000;
const ORIGIN = 'http://127.0.0.1:8080';
const row = (id: string, balance = '10') => [id, balance, ...FEATURE_NAMES.slice(1).map((name) => (name === 'TENURE' ? '12' : '1'))].join(',');

interface GatewayError {
  readonly errors: { message: string; extensions: Record<string, unknown> }[];
}

describe('the gateway CSV upload, streamed to a real ingestion service', () => {
  const subgraphSecret = `it-${randomUUID()}`;
  const jwtSecret = randomBytes(32).toString('hex');
  const logs: Record<string, unknown>[] = [];
  // Chunks of two rows: a streamed upload is committed chunk by chunk while it is still being sent.
  const subgraphs = new IsolatedSubgraphs({ GATEWAY_SUBGRAPH_SECRET: subgraphSecret, INGESTION_CSV_BATCH_SIZE: '2' });
  let ingestion: ServiceProcess;
  let gateway: RunningGateway;

  const token = (role: Role) => signAccessToken({ sub: `it-${role}`, role }, jwtSecret, 300);
  const upload = async (body: string | ReadableStream<Uint8Array>, options: { role?: Role; contentType?: string; fileName?: string; headers?: Record<string, string> } = {}) => {
    const url = new URL(CSV_UPLOAD_PATH, gateway.url);
    if (options.fileName) url.searchParams.set('fileName', options.fileName);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'text/csv', ...(options.role ? { authorization: `Bearer ${await token(options.role)}` } : {}), ...options.headers },
      body,
      duplex: 'half',
    } as RequestInit);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const graphql = async <T>(query: string): Promise<T> => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('viewer')}` },
      body: JSON.stringify({ query }),
    });
    const answer = (await response.json()) as { data: T; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    return answer.data;
  };
  const batchCount = async () => (await graphql<{ ingestBatches: unknown[] }>('{ ingestBatches(first: 200) { id } }')).ingestBatches.length;

  beforeAll(async () => {
    ({ ingestion } = await subgraphs.start(['ingestion']));
    const sdl = (await postSubgraphGraphql<{ data: { _service: { sdl: string } } }>(ingestion.url, subgraphSecret, '{ _service { sdl } }')).data._service.sdl;
    const config = loadGatewayConfig({
      GATEWAY_PORT: '0',
      GATEWAY_METRICS_PORT: '0',
      GATEWAY_JWT_SECRET: jwtSecret,
      GATEWAY_SUBGRAPH_SECRET: subgraphSecret,
      GATEWAY_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      GATEWAY_CORS_ORIGINS: ORIGIN,
      INGESTION_URL: `${ingestion.url}/graphql`,
    });
    gateway = await startGatewayServer(config, { supergraphSdl: composeSupergraph([{ name: 'ingestion', url: 'http://127.0.0.1:9/unused', sdl }]), log: (entry) => logs.push(entry) });
  });

  afterAll(async () => {
    await gateway?.stop();
    await subgraphs.close();
  });

  it("should store an admin's good rows and report the rejected ones with line, column and reason, also through GraphQL", async () => {
    const csv = [HEADER, row('UP-1'), row('UP-2', 'abc'), row('UP-3'), 'UP-4,1,2', row('UP-1', '20')].join('\n');
    const answer = await upload(csv, { role: 'admin', fileName: 'march.csv', headers: { 'x-request-id': 'it-upload-1' } });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'completed', read: 5, accepted: 2, rejected: 3, inserted: 2 });
    const { ingestBatch } = await graphql<{ ingestBatch: { fileName: string; rejected: number; rejectedRows: { line: number; column: string | null; reason: string }[] } }>(
      `{ ingestBatch(id: "${answer.body.batchId}") { fileName rejected rejectedRows { line column reason } } }`,
    );
    expect(ingestBatch.fileName).toBe('march.csv');
    expect(ingestBatch.rejectedRows.map((r) => [r.line, r.column])).toEqual([
      [3, 'BALANCE'],
      [5, null],
      [6, 'CUST_ID'],
    ]);
    expect(ingestBatch.rejectedRows[0].reason).toBe("BALANCE: not a number ('abc')");
    expect(ingestBatch.rejectedRows[2].reason).toMatch(/duplicate customer id UP-1, first seen at line 2/);
    const { customer } = await graphql<{ customer: { features: { balance: number } } }>('{ customer(id: "UP-1") { features { balance } } }');
    expect(customer.features.balance).toBe(10);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'request', requestId: 'it-upload-1', path: CSV_UPLOAD_PATH, status: 200, userId: 'it-admin' }));
  });

  it('should pass the body on while it is being sent, not after: rows are committed before the upload ends', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(`${HEADER}\n${row('ST-1')}\n${row('ST-2')}\n${row('ST-3')}\n`));
        await released;
        controller.enqueue(new TextEncoder().encode(`${row('ST-4')}\n`));
        controller.close();
      },
    });
    const before = await batchCount();
    const answering = upload(body, { role: 'admin', fileName: 'streamed.csv' });
    let whileSending: { status: string; read: number } | undefined;
    const deadline = Date.now() + 30_000;
    while (!whileSending && Date.now() < deadline) {
      const { ingestBatches } = await graphql<{ ingestBatches: { fileName: string; status: string; read: number }[] }>('{ ingestBatches(first: 1) { fileName status read } }');
      if (ingestBatches[0]?.fileName === 'streamed.csv' && ingestBatches[0].read >= 2) whileSending = ingestBatches[0];
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    release();
    const answer = await answering;

    expect(whileSending).toEqual({ fileName: 'streamed.csv', status: 'running', read: 2 });
    expect(answer).toMatchObject({ status: 200, body: { read: 4, accepted: 4 } });
    expect(await batchCount()).toBe(before + 1);
  });

  it('should refuse a viewer, an analyst and a caller without a token before anything reaches ingestion', async () => {
    const before = await batchCount();
    for (const role of ['viewer', 'analyst'] as const) {
      const answer = await upload(`${HEADER}\n${row('NO-1')}\n`, { role });
      expect(answer.status).toBe(403);
      expect((answer.body as unknown as GatewayError).errors).toEqual([
        { message: `Forbidden: uploading customers needs the admin role, the token's is ${role}`, extensions: { code: 'FORBIDDEN' } },
      ]);
    }
    const anonymous = await upload(`${HEADER}\n${row('NO-1')}\n`);
    expect(anonymous.status).toBe(401);
    expect((anonymous.body as unknown as GatewayError).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await batchCount()).toBe(before);
  });

  it("should answer ingestion's refusals as the gateway's JSON errors: not CSV (415), a header that does not match (400, with the batch)", async () => {
    const pdf = await upload('%PDF-1.7 …', { role: 'admin', contentType: 'application/pdf' });
    expect(pdf.status).toBe(415);
    expect((pdf.body as unknown as GatewayError).errors).toEqual([
      { message: 'POST /v1/customers/csv takes Content-Type: text/csv, got application/pdf', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
    ]);

    const header = await upload('id,balance\nX-1,10\n', { role: 'admin' });
    expect(header.status).toBe(400);
    const [error] = (header.body as unknown as GatewayError).errors;
    expect(error.extensions).toMatchObject({ code: 'BAD_REQUEST', batchId: expect.any(String), committed: expect.objectContaining({ read: 0 }) });
    expect(error.message).toMatch(/CUST_ID/);
  });

  it('should refuse a body over GATEWAY_MAX_UPLOAD_BYTES: at once by its Content-Length, and as soon as it passes the limit without one', async () => {
    const before = await batchCount();
    const big = `${HEADER}\n${Array.from({ length: 3_000 }, (_, i) => row(`BIG-${i}`)).join('\n')}\n`;
    expect(big.length).toBeGreaterThan(MAX_UPLOAD_BYTES);

    const declared = await upload(big, { role: 'admin' });
    expect(declared.status).toBe(413);
    expect((declared.body as unknown as GatewayError).errors).toEqual([
      { message: `The CSV body exceeds the maximum upload size of ${MAX_UPLOAD_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } },
    ]);
    expect(await batchCount()).toBe(before);

    const chunks = new TextEncoder().encode(big);
    const streamed = await upload(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let start = 0; start < chunks.length; start += 16_384) controller.enqueue(chunks.subarray(start, start + 16_384));
          controller.close();
        },
      }),
      { role: 'admin' },
    );
    expect(streamed.status).toBe(413);
    expect((streamed.body as unknown as GatewayError).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("should answer a browser's preflight for the web client's origin", async () => {
    const response = await fetch(new URL(CSV_UPLOAD_PATH, gateway.url), {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
