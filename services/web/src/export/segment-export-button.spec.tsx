/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SegmentExportButton } from './segment-export-button';
import { gatewaySegmentExporter, type SaveFile } from './segment-export';

const gatewayUrl = 'http://gateway.test/graphql';

function fetchAnswering(status: number, body: string, headers: Record<string, string>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const file = new Blob([body], { type: 'text/csv' });
  const fetchFn = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return { ok: status === 200, status, headers: { get: (name: string) => headers[name] ?? null }, blob: async () => file, json: async () => JSON.parse(body) };
  }) as unknown as typeof fetch;
  return { fetchFn, calls, file };
}

describe(SegmentExportButton.name, () => {
  it("should fetch the segment's CSV from the gateway with the session's token and save it under the gateway's file name when clicked", async () => {
    const csv = 'customer_id,segment_id\nC10001,revolvers\n';
    const { fetchFn, calls, file } = fetchAnswering(200, csv, { 'content-disposition': 'attachment; filename="segment-revolvers-now.csv"' });
    const saved: { file: Blob; fileName: string }[] = [];
    const save: SaveFile = (file, fileName) => saved.push({ file, fileName });
    render(<SegmentExportButton segmentId="revolvers" label="Revolvers" exporter={gatewaySegmentExporter(gatewayUrl, () => 'the-token', save, fetchFn)} />);

    fireEvent.click(screen.getByRole('button', { name: 'Download the members of Revolvers as CSV' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(calls.map((c) => c.url)).toEqual(['http://gateway.test/v1/segment-members?segment=revolvers&format=csv']);
    expect(calls[0].init?.headers).toEqual({ authorization: 'Bearer the-token' });
    expect(saved[0].fileName).toBe('segment-revolvers-now.csv');
    expect(saved[0].file).toBe(file);
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(false);
  });

  it('should say why and save nothing when the gateway refuses the role', async () => {
    const refusal = JSON.stringify({ errors: [{ message: 'Forbidden: exporting segment members needs the analyst role', extensions: { code: 'FORBIDDEN' } }] });
    const { fetchFn } = fetchAnswering(403, refusal, {});
    const saved: string[] = [];
    render(<SegmentExportButton segmentId="revolvers" label="Revolvers" exporter={gatewaySegmentExporter(gatewayUrl, () => 'viewer-token', (_f, name) => saved.push(name), fetchFn)} />);

    fireEvent.click(screen.getByRole('button'));

    expect((await screen.findByRole('alert')).textContent).toBe('Your role may not export segment members: it needs analyst or admin.');
    expect(saved).toEqual([]);
  });

  it('should show a button on every segment card for an analyst and none for a viewer', async () => {
    const { OverviewPanel } = await import('../overview/overview-panel');
    const data = {
      championModel: { modelName: 'm', version: '1', promotedAt: null, createdAt: '2026-11-25T13:36:18Z', forced: false, metrics: {}, mlflowRunUrl: '#', segments: [], profiles: { clusters: [] }, kSweep: [] },
      segments: [
        { id: 'revolvers', label: 'Revolvers', description: '', cluster: 0, size: 1, share: 0.5, centroid: null, offer: null },
        { id: 'transactors', label: 'Transactors', description: '', cluster: 1, size: 1, share: 0.5, centroid: null, offer: null },
      ],
    };
    const { unmount } = render(<OverviewPanel data={data} loading={false} error={null} canTrain={false} exporter={async () => undefined} />);
    expect(screen.getAllByRole('button', { name: /^Download the members of/ }).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Download the members of Revolvers as CSV',
      'Download the members of Transactors as CSV',
    ]);
    unmount();
    render(<OverviewPanel data={data} loading={false} error={null} canTrain={false} exporter={null} />);
    expect(screen.queryByRole('button', { name: /^Download the members of/ })).toBeNull();
  });
});
