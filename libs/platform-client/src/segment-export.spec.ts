import { exportedRows, segmentExportUrl } from './segment-export';

describe(segmentExportUrl.name, () => {
  it("should put the export beside the gateway's GraphQL endpoint with only the given parameters", () => {
    expect(segmentExportUrl('http://127.0.0.1:4000/graphql', { segmentId: 'revolvers', format: 'csv', asOf: null }).toString()).toBe(
      'http://127.0.0.1:4000/v1/segment-members?segment=revolvers&format=csv',
    );
    expect(segmentExportUrl('https://seg.example.com/graphql', { segmentId: null, format: 'ndjson', asOf: '2026-12-01T00:00:00Z' }).toString()).toBe(
      'https://seg.example.com/v1/segment-members?format=ndjson&asOf=2026-12-01T00%3A00%3A00Z',
    );
  });
});

describe(exportedRows.name, () => {
  it("should not count CSV's header line as a row, and count every NDJSON line", () => {
    expect(exportedRows('csv', { bytes: 100, lines: 11 })).toBe(10);
    expect(exportedRows('ndjson', { bytes: 100, lines: 11 })).toBe(11);
    expect(exportedRows('csv', { bytes: 0, lines: 0 })).toBe(0);
  });
});
