import { Logger } from '@nestjs/common';
import { GATEWAY_SECRET_HEADER, USER_ID_HEADER, USER_ROLE_HEADER } from '@seg/contracts';
import { createThrowawaySchema, type ThrowawaySchema } from '@seg/db/testing';
import { freePort, startServiceProcess, type ServiceProcess } from '@seg/nest/testing';
import { startOffersTestApp, type OffersTestApp } from '../testing/offers-test-app';

const update = (title: string) => `mutation { updateOffer(segmentId: "revolvers", input: { title: "${title}" }) { title updatedBy } }`;

/** What must never reach a client: a stack frame, a source path. */
const LEAKS = /node_modules|\bat \S+ \(|\.[jt]s:\d+|stacktrace/i;

/** A call straight to the subgraph's /graphql, past the gateway, with exactly these headers (and a raw body). */
async function direct(baseUrl: string, query: string, headers: Record<string, string>, body = JSON.stringify({ query })) {
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
}

describe('offers called directly, past the gateway', () => {
  describe('on a local run without GATEWAY_SUBGRAPH_SECRET set', () => {
    let service: OffersTestApp;
    const audit = async () => (await service.dataSource.query(`SELECT changed_by FROM offer_audit WHERE segment_id = 'revolvers' ORDER BY changed_at`)).map((row: { changed_by: string }) => row.changed_by);
    const title = async () => (await service.dataSource.query(`SELECT title FROM offers WHERE segment_id = 'revolvers'`))[0].title;

    beforeAll(async () => {
      service = await startOffersTestApp({ GATEWAY_SUBGRAPH_SECRET: '' });
    });

    afterAll(() => service?.close());

    it('should refuse with 403 an updateOffer carrying a forged x-user-id but no secret, and change and audit nothing', async () => {
      const [auditBefore, titleBefore] = [await audit(), await title()];
      const url = await service.app.getUrl();

      const forged = await direct(url, update('Forged by a header'), { [USER_ID_HEADER]: 'mallory', [USER_ROLE_HEADER]: 'admin' });
      const guessed = await direct(url, update('Forged with a guessed secret'), { [USER_ID_HEADER]: 'mallory', [GATEWAY_SECRET_HEADER]: 'guess' });

      expect([forged.status, guessed.status]).toEqual([403, 403]);
      expect(forged.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await audit()).toEqual(auditBefore);
      expect(await title()).toBe(titleBefore);
    });

    it('should record the user of the header when the request carries the local secret, as the gateway sends it', async () => {
      const { data, errors } = await service.graphql<{ updateOffer: { updatedBy: string } }>(update('Sent through the gateway'), undefined, { [USER_ID_HEADER]: 'ada' });

      expect(errors).toBeUndefined();
      expect(data?.updateOffer.updatedBy).toBe('ada');
      expect((await audit()).at(-1)).toBe('ada');
    });
  });

  describe('when the request is malformed', () => {
    let service: OffersTestApp;
    let url: string;
    const withSecret = () => ({ [GATEWAY_SECRET_HEADER]: service.config.settings.GATEWAY_SUBGRAPH_SECRET });

    beforeAll(async () => {
      // Apollo decides at start whether answers carry stack traces, by NODE_ENV: jest's 'test' hides them, a
      // developer's run showed them with node_modules paths.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'development';
      try {
        service = await startOffersTestApp();
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }
      url = await service.app.getUrl();
    });

    afterAll(() => service?.close());

    it('should answer a malformed and an oversized body with a JSON 400 and 413, no stack, logged as warnings and not as errors', async () => {
      const errors = jest.spyOn(Logger.prototype, 'error');
      const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        const malformed = await direct(url, '', withSecret(), '{"query": ');
        const oversized = await direct(url, '', withSecret(), JSON.stringify({ query: `{ offers { title } } # ${'x'.repeat(200_000)}` }));

        expect({ status: malformed.status, leaks: LEAKS.test(malformed.text) }).toEqual({ status: 400, leaks: false });
        expect({ status: oversized.status, leaks: LEAKS.test(oversized.text) }).toEqual({ status: 413, leaks: false });
        expect(malformed.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/JSON/) });
        expect(errors).not.toHaveBeenCalled();
        expect(warnings).toHaveBeenCalledTimes(2);
      } finally {
        errors.mockRestore();
        warnings.mockRestore();
      }
    });

    it('should answer a GraphQL error without a stack trace, even on a development run', async () => {
      const invalid = await direct(url, '{ offers { nope } }', withSecret());
      const unknown = await direct(url, '{ offer(segmentId: "cluster-2") { title } }', withSecret());

      expect(invalid.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect([LEAKS.test(invalid.text), LEAKS.test(unknown.text)]).toEqual([false, false]);
    });
  });

  describe('with NODE_ENV=production', () => {
    let schema: ThrowawaySchema;
    let offers: ServiceProcess | undefined;
    const start = async (secret: string) => {
      const port = await freePort();
      const env = { ...process.env, NODE_ENV: 'production', GATEWAY_SUBGRAPH_SECRET: secret, OFFERS_PORT: String(port), OFFERS_DB_SCHEMA: schema.name, OFFERS_SCHEMA_FILE: '-' };
      offers = await startServiceProcess('offers', port, env);
      return offers.url;
    };

    beforeAll(async () => {
      schema = await createThrowawaySchema('it_offers_prod');
    });

    afterEach(() => offers?.stop());

    afterAll(() => schema?.drop());

    it('should refuse to start without GATEWAY_SUBGRAPH_SECRET and say which variable is missing', async () => {
      await expect(start('')).rejects.toThrow(/GATEWAY_SUBGRAPH_SECRET is required/);
    });

    it('should answer /graphql with 403 without the secret and with 200 with it, /health staying open', async () => {
      const secret = 'it-production-subgraph-secret-0123456789';
      const url = await start(secret);

      const anonymous = await direct(url, '{ offers { segmentId } }', { [USER_ID_HEADER]: 'mallory' });
      const gateway = await direct(url, '{ offers { segmentId } }', { [GATEWAY_SECRET_HEADER]: secret });
      const health = await fetch(`${url}/health`);

      expect(anonymous.status).toBe(403);
      expect(anonymous.body.data).toBeUndefined();
      expect(gateway.status).toBe(200);
      expect(health.status).toBe(200);
    });
  });
});
