import { parseCustomerSegmentsEvent, type CustomerSegmentsEvent } from '@seg/contracts';
import type { ChangedAssignment } from './assignments.repository';
import { segmentEventsJson } from './segment-events.publisher';

const change = (customerId: string, segmentId: string, x: number, y: number, distance: number): ChangedAssignment => ({
  customer_id: customerId,
  segment_id: segmentId,
  pca_x: x,
  pca_y: y,
  distance,
  moved: true,
});

describe(segmentEventsJson.name, () => {
  it('should write the text JSON.stringify gives for each event when changes are published', () => {
    const changes = [
      change('C1', 'big-spenders', 0.1, -2.5e-7, 1.25),
      change('C"2\\', 'cash-advance', -0, 1e21, 0),
      change('C3', 'big-spenders', 123456.789, -1, 3),
    ];
    const scoredAt = '2026-11-25T12:00:00.000Z';
    const texts = segmentEventsJson(changes, '7', scoredAt);
    const expected = changes.map(
      (c): CustomerSegmentsEvent => ({
        customerId: c.customer_id,
        segmentId: c.segment_id,
        modelVersion: '7',
        pca: { x: c.pca_x, y: c.pca_y },
        distance: c.distance,
        scoredAt,
      }),
    );
    expect(texts).toEqual(expected.map((event) => JSON.stringify(event)));
    expect(parseCustomerSegmentsEvent(JSON.parse(texts[1]))).toEqual({ ...expected[1], pca: { x: 0, y: 1e21 } });
  });

  it('should return nothing when nothing changed', () => {
    expect(segmentEventsJson([], '7', '2026-11-25T12:00:00.000Z')).toEqual([]);
  });
});
