/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { OverviewQuery } from '../gql/graphql';
import { OverviewPanel } from './overview-panel';

const championModel: NonNullable<OverviewQuery['championModel']> = {
  modelName: 'customer-segmentation',
  version: '2',
  promotedAt: '2026-11-25T13:36:18Z',
  createdAt: '2026-11-25T13:36:18Z',
  forced: false,
  metrics: { silhouette: 0.2804, daviesBouldin: 1.19, iterations: 13, explainedVarianceRatio_pc1: 0.354, explainedVarianceRatio_pc2: 0.291 },
  mlflowRunUrl: 'http://127.0.0.1:5000/#/experiments/1/runs/abc',
  // The champion's clusters differ from scoring's on purpose: the profiles follow the champion.
  segments: [{ cluster: 2, segmentId: 'revolvers' }, { cluster: 3, segmentId: 'low-activity' }, { cluster: 0, segmentId: null }, { cluster: 1, segmentId: 'cash-advance' }],
  profiles: {
    clusters: [
      { cluster: 2, distinguishing: [
        { feature: 'CASH_ADVANCE', direction: 'higher', segmentMedian: 1466.9, populationMedian: 0, effect: 1.3 },
        { feature: 'PURCHASES_FREQUENCY', direction: 'lower', segmentMedian: 0.0833, populationMedian: 0.5, effect: 0.5 },
        { feature: 'TENURE', direction: 'lower', segmentMedian: 11, populationMedian: 12, effect: 0.2 },
        { feature: 'BALANCE', direction: 'higher', segmentMedian: 3000, populationMedian: 870, effect: 0.1 },
      ] },
      { cluster: 0, distinguishing: [{ feature: 'BALANCE', direction: 'lower', segmentMedian: 10, populationMedian: 870, effect: 0.9 }] },
      { cluster: 3, distinguishing: [] },
    ],
  },
  kSweep: [
    { k: 3, silhouette: 0.25, daviesBouldin: 1.3, calinskiHarabasz: 3900.4 },
    { k: 4, silhouette: 0.2804, daviesBouldin: 1.19, calinskiHarabasz: 4133.3 },
  ],
};

const overview: OverviewQuery = {
  championModel,
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
    expect(screen.getByRole('table', { name: /k-sweep/ }).querySelector('caption')?.textContent).toBe('The k-sweep in numbers: the model uses 4');
    const sweep = screen.getByRole('table', { name: /k-sweep/ });
    expect(Array.from(sweep.querySelectorAll('tbody tr'), (r) => r.textContent)).toEqual(['30.2501.3003900', '40.2801.1904133']);
    const cards = screen.getAllByRole('listitem');
    expect(cards.map((c) => c.querySelector('h3')?.textContent)).toEqual(['Revolvers', 'Low activity']);
    expect(cards[0].textContent).toContain('4,025 customers · 45.0 %');
    expect(cards[0].textContent).toContain('Offer: Pay less interest (email)');
    expect(cards[1].textContent).toContain('No offer for this segment.');
  });

  it('should list the three features that set a segment apart, in words and units, when its cluster has a profile', () => {
    render(<OverviewPanel data={overview} loading={false} error={null} canTrain={false} />);
    const [revolvers, lowActivity] = screen.getAllByRole('listitem');
    const traits = revolvers.querySelector('dl.traits');
    expect(traits?.getAttribute('aria-label')).toBe('Sets it apart');
    expect(Array.from(traits?.querySelectorAll('div') ?? [], (d) => d.textContent)).toEqual([
      '▲ Cash advance:median 1,467 vs 0 overall',
      '▼ Purchase frequency:median 8 % vs 50 % overall',
      '▼ Tenure:median 11 months vs 12 months overall',
    ]);
    // Cluster 0 (unassigned in the champion) has a profile but is no card's; an empty profile shows nothing.
    expect(screen.queryByText(/median 10 vs 870/)).toBeNull();
    expect(lowActivity.querySelector('dl.traits')).toBeNull();
  });

  it('should show no traits, and still the card, when the profiles are not of the expected shape', () => {
    const champion = { ...championModel, profiles: { clusters: [{ cluster: 2, distinguishing: [{ feature: 'CASH_ADVANCE', direction: 'up' }] }] } };
    render(<OverviewPanel data={{ ...overview, championModel: champion }} loading={false} error={null} canTrain={false} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(document.querySelector('dl.traits')).toBeNull();
  });

  it('should chart each k-sweep metric by k with the model\'s k ringed, keeping the table of numbers', () => {
    render(<OverviewPanel data={overview} loading={false} error={null} canTrain={false} />);
    const charts = screen.getAllByRole('img');
    expect(charts.map((c) => c.getAttribute('aria-label'))).toEqual([
      "Silhouette by number of segments, higher is better: best at k = 4; the model's k = 4 scores 0.280",
      "Davies–Bouldin by number of segments, lower is better: best at k = 4; the model's k = 4 scores 1.19",
      "Calinski–Harabasz by number of segments, higher is better: best at k = 4; the model's k = 4 scores 4133",
    ]);
    for (const chart of charts) {
      const points = chart.querySelectorAll('circle');
      expect(Array.from(points, (p) => p.querySelector('title')?.textContent?.slice(0, 5))).toEqual(['k = 3', 'k = 4']);
      expect(Array.from(points, (p) => p.getAttribute('class'))).toEqual(['point', 'point chosen']);
    }
    // Higher is better for silhouette: k = 4 sits above k = 3 (smaller y); lower is better for Davies–Bouldin, drawn as is.
    const [silhouette, daviesBouldin] = charts.map((c) => Array.from(c.querySelectorAll('circle'), (p) => Number(p.getAttribute('cy'))));
    expect(silhouette[1]).toBeLessThan(silhouette[0]);
    expect(daviesBouldin[1]).toBeGreaterThan(daviesBouldin[0]);
    expect(screen.getByRole('table', { name: /k-sweep/ })).toBeDefined();
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
