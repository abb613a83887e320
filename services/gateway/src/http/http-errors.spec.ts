import type { NextFunction, Request } from 'express';
import { recordingResponse } from '../testing/recording-response';
import { httpErrors } from './http-errors';

function handle(error: unknown) {
  const logs: Record<string, unknown>[] = [];
  const { response, answer } = recordingResponse({ requestId: 'r-1' });
  httpErrors((entry) => logs.push(entry), 1_048_576)(error, { path: '/graphql' } as Request, response, (() => undefined) as NextFunction);
  return { ...answer, logs };
}

/** What body-parser raises (http-errors): a status, expose for a 4xx, and its type. */
const bodyParserError = (status: number, message: string, type: string) => Object.assign(new Error(message), { status, statusCode: status, expose: true, type });

describe('httpErrors', () => {
  it('should answer the body parser’s client errors with their status and a code, and log nothing', () => {
    const malformed = handle(bodyParserError(400, "Expected ',' or '}' after property value in JSON at position 12", 'entity.parse.failed'));
    const large = handle(bodyParserError(413, 'request entity too large', 'entity.too.large'));
    const charset = handle(bodyParserError(415, 'unsupported charset "LATIN9"', 'charset.unsupported'));

    expect(malformed).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringMatching(/^Malformed JSON body: /), extensions: { code: 'BAD_REQUEST' } }] }, logs: [] });
    expect(large).toMatchObject({ status: 413, body: { errors: [{ message: 'Request body exceeds the limit of 1048576 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, logs: [] });
    expect(charset).toMatchObject({ status: 415, body: { errors: [{ extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] }, logs: [] });
  });

  it('should answer anything else as an internal error without its message or stack, and log it in full once', () => {
    const fault = handle(new Error('ECONNREFUSED 10.0.0.7:5432 at /app/node_modules/pg/lib/client.js:12'));

    expect(fault.status).toBe(500);
    expect(fault.body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(fault.logs).toEqual([expect.objectContaining({ level: 'error', requestId: 'r-1', msg: expect.stringContaining('ECONNREFUSED'), stack: expect.any(String) })]);
  });

  it('should treat a 5xx from http-errors as a fault even when it says expose', () => {
    expect(handle(Object.assign(new Error('boom'), { status: 500, expose: true })).status).toBe(500);
  });
});
