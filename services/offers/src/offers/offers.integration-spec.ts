import { SEGMENT_IDS } from '@seg/ml';
import { startOffersTestApp, type OffersTestApp } from '../testing/offers-test-app';
import type { Offer } from './offer.model';
import { OffersResolver } from './offers.resolver';
import { SegmentResolver } from './segment.resolver';

let service: OffersTestApp;

beforeAll(async () => {
  service = await startOffersTestApp();
});

afterAll(() => service?.close());

describe(OffersResolver.name, () => {
  it('should serve the seeded offer of every segment id in segment order when offers is queried', async () => {
    const { data, errors } = await service.graphql<{ offers: Offer[] }>(`{ offers { segmentId title description product channel terms updatedAt updatedBy } }`);

    expect(errors).toBeUndefined();
    expect(data?.offers.map((offer) => offer.segmentId)).toEqual([...SEGMENT_IDS]);
    for (const offer of data?.offers ?? []) {
      expect(offer).toMatchObject({ updatedBy: 'seed-migration', updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
      for (const text of [offer.title, offer.description, offer.product, offer.channel, offer.terms]) expect(text.trim()).not.toBe('');
    }
    expect(data?.offers.find((offer) => offer.segmentId === 'revolvers')?.terms).toMatch(/0% on balance transfers for 12 months/);
  });

  it('should return one offer by segment id, and BAD_USER_INPUT naming segmentId when the id is unknown', async () => {
    const { data, errors } = await service.graphql(`{ offer(segmentId: "cash-advance") { segmentId channel } }`);
    const unknown = await service.graphql(`{ offer(segmentId: "cluster-2") { segmentId } }`);

    expect(errors).toBeUndefined();
    expect(data).toEqual({ offer: { segmentId: 'cash-advance', channel: 'relationship manager call' } });
    expect(unknown.data).toEqual({ offer: null });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'segmentId' } });
  });

  it('should refuse an audit page size out of range naming first when offerAudit is queried', async () => {
    const { errors } = await service.graphql(`{ offerAudit(segmentId: "transactors", first: 0) { id } }`);

    expect(errors?.[0]).toMatchObject({ message: expect.stringMatching(/first \(0\) is out of range/), extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });
});

describe(SegmentResolver.name, () => {
  const entities = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Segment { id offer { segmentId title } } } }`;

  it('should resolve the offers of four Segment references with one database query when _entities is queried', async () => {
    const ids = [...SEGMENT_IDS].reverse();
    const logQuery = jest.spyOn(service.dataSource.logger, 'logQuery');
    try {
      const { data, errors } = await service.graphql<{ _entities: { id: string; offer: { segmentId: string; title: string } | null }[] }>(entities, {
        representations: ids.map((id) => ({ __typename: 'Segment', id })),
      });

      expect(errors).toBeUndefined();
      expect(data?._entities.map((segment) => [segment.id, segment.offer?.segmentId])).toEqual(ids.map((id) => [id, id]));
      expect(data?._entities.every((segment) => segment.offer?.title)).toBe(true);
      expect(logQuery.mock.calls.map(([sql]) => sql)).toEqual([expect.stringMatching(/\."offers" "OfferEntity" WHERE .*IN \(\$1, \$2, \$3, \$4\)/)]);
    } finally {
      logQuery.mockRestore();
    }
  });

  it('should resolve a reference to an id without an offer with a null offer and no error', async () => {
    const { data, errors } = await service.graphql(entities, { representations: [{ __typename: 'Segment', id: 'retired-segment' }] });

    expect(errors).toBeUndefined();
    expect(data).toEqual({ _entities: [{ id: 'retired-segment', offer: null }] });
  });
});
