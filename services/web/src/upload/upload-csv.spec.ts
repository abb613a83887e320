import { uploadOutcome, uploadUrl } from './upload-csv';

const messageOf = (status: number, body: unknown) => {
  const outcome = uploadOutcome(status, body);
  return outcome.ok ? null : outcome.message;
};

const refusal = (message: string, extensions: Record<string, unknown> = {}) => ({ errors: [{ message, extensions }] });

describe(uploadUrl.name, () => {
  it("should put the upload beside the gateway's GraphQL endpoint, path prefix kept, with the file name", () => {
    expect(uploadUrl('http://127.0.0.1:4000/graphql', 'march 2026.csv')).toBe('http://127.0.0.1:4000/v1/customers/csv?fileName=march+2026.csv');
    expect(uploadUrl('https://seg.example.com/api/graphql', 'a.csv')).toBe('https://seg.example.com/api/v1/customers/csv?fileName=a.csv');
  });
});

describe(uploadOutcome.name, () => {
  it('should take a 200 as the batch summary', () => {
    const summary = { batchId: 'b', read: 1, accepted: 1, rejected: 0, inserted: 1, updated: 0, unchanged: 0, stale: 0, warnings: 0 };
    expect(uploadOutcome(200, summary)).toEqual({ ok: true, summary });
  });

  it("should put each refusal in words, with the server's reason and the batch whose rows stay", () => {
    expect(uploadOutcome(413, refusal('The CSV body exceeds the maximum upload size of 100 bytes'))).toEqual({
      ok: false,
      message: 'The file is too large: The CSV body exceeds the maximum upload size of 100 bytes.',
      batchId: null,
    });
    expect(uploadOutcome(500, refusal('Internal server error', { batchId: 'b-9' }))).toEqual({
      ok: false,
      message: 'The platform had a problem storing the file (HTTP 500); try again in a moment. Rows stored before the failure stay (batch b-9).',
      batchId: 'b-9',
    });
    expect(messageOf(403, refusal('Forbidden'))).toBe('Only admins may upload customers.');
    expect(messageOf(401, null)).toMatch(/^Your sign-in is no longer valid/);
    expect(messageOf(502, null)).toBe('The platform had a problem storing the file (HTTP 502); try again in a moment.');
  });
});
