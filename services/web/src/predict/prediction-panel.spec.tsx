/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import type { PredictSegmentQuery } from '../gql/graphql';
import { PredictionPanel } from './prediction-panel';

type Prediction = PredictSegmentQuery['predictSegment'];

function prediction(overrides: Partial<Prediction> = {}): Prediction {
  return {
    segment: {
      id: 'cash-advance',
      label: 'Cash advance / high risk',
      offer: { segmentId: 'cash-advance', title: 'Free help to bring down the cost of borrowing', description: 'Cash advances are expensive.', product: 'Credit counselling', channel: 'relationship manager call' },
    },
    cluster: 2,
    pca: { x: 1.5, y: -1 },
    distance: 0.92,
    distances: [
      { segmentId: 'revolvers', cluster: 0, distance: 3.46 },
      { segmentId: 'cash-advance', cluster: 2, distance: 0.92 },
    ],
    explanation: [{ feature: 'CASH_ADVANCE_FREQUENCY', direction: 'above', imputed: false, text: 'CASH_ADVANCE_FREQUENCY 1.8× IQR above the median' }],
    modelVersion: '2',
    ...overrides,
  };
}

const labels = new Map([['revolvers', 'Revolvers'], ['cash-advance', 'Cash advance / high risk']]);

describe(PredictionPanel.name, () => {
  it('should show the segment, its offer, the distance to each segment with the nearest marked, and the explanation', () => {
    render(<PredictionPanel prediction={prediction()} segmentLabels={labels} />);
    expect(screen.getByRole('heading', { name: 'Segment: Cash advance / high risk' })).toBeDefined();
    expect(screen.getByText('Offer: Free help to bring down the cost of borrowing')).toBeDefined();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => [r.textContent, r.className])).toEqual([['Revolvers3.46', ''], ['Cash advance / high risk0.92', 'nearest']]);
    expect(screen.getByRole('listitem').textContent).toBe('CASH_ADVANCE_FREQUENCY 1.8× IQR above the median');
  });

  it('should say the segment has no offer and that nothing stands out when both are empty', () => {
    const bare = prediction({ segment: { id: 'revolvers', label: 'Revolvers', offer: null }, explanation: [] });
    render(<PredictionPanel prediction={bare} segmentLabels={labels} />);
    expect(screen.getByText('This segment has no offer.')).toBeDefined();
    expect(screen.getByText('No feature stands out from the population.')).toBeDefined();
    expect(screen.queryByText(/^Offer:/)).toBeNull();
  });
});
