import { ingestionUploadUrl } from './csv-upload.route';
import { uploadAnswerOf } from './ingestion-answer';

describe(uploadAnswerOf.name, () => {
  it('should pass a batch summary on as is', () => {
    const summary = { batchId: 'b-1', status: 'completed', read: 3, rejected: 1, rejectedRows: [] };
    expect(uploadAnswerOf(200, summary)).toEqual({ kind: 'summary', status: 200, body: summary });
  });

  it("should keep the client's mistakes with their status and ingestion's message, and a failed batch's id and committed counts", () => {
    expect(uploadAnswerOf(415, { statusCode: 415, message: 'POST /v1/customers/csv takes Content-Type: text/csv, got application/pdf', error: 'Unsupported Media Type' })).toEqual({
      kind: 'error',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'POST /v1/customers/csv takes Content-Type: text/csv, got application/pdf',
      extensions: {},
      fault: false,
    });
    expect(uploadAnswerOf(400, { message: 'CSV header: missing column BALANCE', batchId: 'b-2', status: 'failed', committed: { read: 0 } })).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'CSV header: missing column BALANCE',
      extensions: { batchId: 'b-2', committed: { read: 0 } },
    });
    expect(uploadAnswerOf(413, { message: ['too', 'large'] })).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'too; large' });
    expect(uploadAnswerOf(400, 'not an object')).toMatchObject({ message: 'The ingestion service refused the upload (HTTP 400)' });
  });

  it("should answer a fault without ingestion's words: a 5xx as an internal error with the batch, a refusal of the gateway as a bad gateway", () => {
    expect(uploadAnswerOf(500, { message: 'Ingest batch b-3 failed: relation "customers" does not exist', batchId: 'b-3', committed: { read: 10_000 } })).toEqual({
      kind: 'error',
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
      extensions: { batchId: 'b-3', committed: { read: 10_000 } },
      fault: true,
    });
    expect(uploadAnswerOf(403, { errors: [{ message: 'Forbidden: missing or wrong x-gateway-secret header' }] })).toEqual({
      kind: 'error',
      status: 502,
      code: 'BAD_GATEWAY',
      message: "The ingestion service refused the gateway's call (HTTP 403)",
      extensions: {},
      fault: true,
    });
  });
});

describe(ingestionUploadUrl.name, () => {
  it("should put the upload beside ingestion's GraphQL endpoint, path prefix kept, with only the file name and source time passed on", () => {
    expect(ingestionUploadUrl('http://127.0.0.1:4001/graphql', { fileName: 'march.csv', occurredAt: '2026-03-01T00:00:00Z', other: 'x' }).toString()).toBe(
      'http://127.0.0.1:4001/v1/customers/csv?fileName=march.csv&occurredAt=2026-03-01T00%3A00%3A00Z',
    );
    expect(ingestionUploadUrl('http://ingestion.seg.svc/api/graphql', { fileName: ['a', 'b'] }).toString()).toBe('http://ingestion.seg.svc/api/v1/customers/csv');
  });
});
