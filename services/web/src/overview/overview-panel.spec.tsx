/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { OverviewQuery } from '../gql/graphql';
import { OverviewPanel } from './overview-panel';

const overview: OverviewQuery = {
  championModel: {
    modelName: 'customer-segmentation',
    version: '2',
    promotedAt: '2026-11-25T13:36:18Z',
    createdAt: '2026-11-25T13:36:18Z',
    forced: false,
    metrics: { silhouette: 0.2804, daviesBouldin: 1.19, iterations: 13, explainedVarianceRatio_pc1: 0.354, explainedVarianceRatio_pc2: 0.291 },
    mlflowRunUrl: 'http://127.0.0.1:5000/#/experiments/1/runs/abc',
    kSweep: [
      { k: 3, silhouette: 0.25, daviesBouldin: 1.3, calinskiHarabasz: 3900.4 },
      { k: 4, silhouette: 0.2804, daviesBouldin: 1.19, calinskiHarabasz: 4133.3 },
    ],
  },
  segments: [
    { id: 'revolvers', label: 'Revolvers', description: 'Carry a balance.', cluster: 0, size: 4025, share: 0.4497, centroid: { x: 1, y: 0.3 }, offer: { segmentId: 'revolvers', title: 'Pay less interest', product: 'Balance transfer', channel: 'email' } },
    { id: 'low-activity', label: 'Low activity', description: 'Mostly idle.', cluster: 1, size: 1194, share: 0.1334, centroid: null, offer: null },
  ],
};

describe(OverviewPanel.name, () => {
  it('should show the champion, each known metric with its meaning, the map axes and a card per segment', () => {
    render(<OverviewPanel data={overview} loading={false} error={null} canTrain={false} />);
    expect(screen.getByRole('heading', { name: 'Champion model customer-segmentation v2' })).toBeDefined();
    expect(screen.getByText('Silhouette').nextSibling?.textContent).toMatch(/^0\.280 How much closer customers are/);
    expect(screen.queryByText('iterations')).toBeNull();
    expect(screen.getByText('35.4 % + 29.1 %')).toBeDefined();
    const sweep = screen.getByRole('table', { name: /k-sweep/ });
    expect(Array.from(sweep.querySelectorAll('tbody tr'), (r) => r.textContent)).toEqual(['30.2501.3003900', '40.2801.1904133']);
    const cards = screen.getAllByRole('listitem');
    expect(cards.map((c) => c.querySelector('h3')?.textContent)).toEqual(['Revolvers', 'Low activity']);
    expect(cards[0].textContent).toContain('4,025 customers · 45.0 %');
    expect(cards[0].textContent).toContain('Offer: Pay less interest (email)');
    expect(cards[1].textContent).toContain('No offer for this segment.');
  });

  it('should tell an admin to run Train, and a viewer to ask one, when there is no model yet', () => {
    const empty: OverviewQuery = { championModel: null, segments: [] };
    const { unmount } = render(<OverviewPanel data={empty} loading={false} error={null} canTrain={true} />);
    expect(screen.getByText('No model yet: run Train below to fit the first one.')).toBeDefined();
    unmount();
    render(<OverviewPanel data={empty} loading={false} error={null} canTrain={false} />);
    expect(screen.getByText('No model yet: ask an administrator to run Train.')).toBeDefined();
    expect(screen.queryByRole('list', { name: 'Segments' })).toBeNull();
  });

  it('should show the loading state, then the error as a sentence, never both', () => {
    const { rerender } = render(<OverviewPanel data={undefined} loading={true} error={null} canTrain={false} />);
    expect(screen.getByText('Loading the model and its segments…')).toBeDefined();
    rerender(<OverviewPanel data={undefined} loading={false} error="The gateway cannot be reached." canTrain={false} />);
    expect(screen.getByRole('alert').textContent).toBe('The gateway cannot be reached.');
    expect(screen.queryByText(/Loading/)).toBeNull();
  });
});
