import { FEATURES, predict, SEGMENT_IDS, type ModelBundle } from '@seg/ml';
import { createTestBundle, customerRecord } from '@seg/ml/testing';
import { ScoreCustomersCommand } from '../score-customers/score-customers.command';
import { ScoreCustomersUseCase } from '../score-customers/score-customers.usecase';
import { createScoringTestEnvironment, featureEvents, type ScoringTestApp, type ScoringTestEnvironment } from '../testing/scoring-test-app';
import { CustomerResolver } from '../customers/customer.resolver';
import { PcaPointsResolver } from '../pca-map/pca-points.resolver';
import { PredictSegmentResolver } from '../predict-segment/predict-segment.resolver';
import { SegmentResolver } from '../segments/segment.resolver';
import { SimilarCustomerResolver } from '../similar-customer/similar-customer.resolver';

jest.setTimeout(60_000);

let environment: ScoringTestEnvironment;
let service: ScoringTestApp;
let bundle: ModelBundle;
let version: string;
const events = featureEvents(50, 17, 'G');

const tableCounts = async () =>
  (
    await service.dataSource.query(
      `SELECT (SELECT count(*)::int FROM customer_features) AS features, (SELECT count(*)::int FROM assignments) AS assignments,
              (SELECT count(*)::int FROM segment_history) AS history`,
    )
  )[0];

beforeAll(async () => {
  environment = await createScoringTestEnvironment();
  bundle = await createTestBundle({ rows: 1_500 });
  ({ version } = await environment.registerChampion(bundle));
  service = await environment.boot();
  // The consumer's use case directly: these tests are about reading, not about Kafka.
  await service.app.get(ScoreCustomersUseCase).execute(new ScoreCustomersCommand(events));
});

afterAll(() => environment?.close());

const inputOf = (record: Record<string, number | string | null>) => Object.fromEntries(FEATURES.map((spec) => [spec.key, record[spec.name]]));
const PREDICT = `query ($input: CustomerFeaturesInput!) {
  predictSegment(input: $input) { segment { id label } cluster pca { x y } distance distances { segmentId distance } explanation { feature text } modelVersion }
}`;

describe(PredictSegmentResolver.name, () => {
  it('should predict the segment predict from @seg/ml gives and write nothing when predictSegment is asked', async () => {
    const record = customerRecord({ BALANCE: 3200, PURCHASES: 15, CASH_ADVANCE: 2400, CASH_ADVANCE_FREQUENCY: 0.6, CASH_ADVANCE_TRX: 9, MINIMUM_PAYMENTS: null });
    const before = await tableCounts();

    const { data, errors } = await service.graphql<{ predictSegment: { segment: { id: string }; cluster: number; pca: { x: number; y: number }; distances: unknown[]; explanation: { text: string }[]; modelVersion: string } }>(PREDICT, { input: inputOf(record) });

    const [expected] = predict(bundle, [record]);
    expect(errors).toBeUndefined();
    expect(data?.predictSegment).toMatchObject({
      segment: { id: expected.segmentId },
      cluster: expected.cluster,
      pca: expected.pca,
      modelVersion: version,
      explanation: expected.explanation.map((item) => ({ feature: item.feature, text: item.text })),
    });
    expect(data?.predictSegment.distances).toHaveLength(bundle.centroids.length);
    expect(await tableCounts()).toEqual(before);
  });

  it('should answer BAD_USER_INPUT naming the camelCase field when a feature is out of range', async () => {
    const { data, errors } = await service.graphql(PREDICT, { input: inputOf(customerRecord({ PURCHASES_FREQUENCY: 2 })) });

    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({ message: expect.stringMatching(/PURCHASES_FREQUENCY/), extensions: { code: 'BAD_USER_INPUT', field: 'purchasesFrequency' } });
  });

});

describe(SegmentResolver.name, () => {
  it('should list the segments with sizes summing to the scored customers and shares summing to 1', async () => {
    const { data, errors } = await service.graphql<{ segments: { id: string; label: string; size: number; share: number; profile: { key: string }[]; centroid: { x: number } }[] }>(
      `{ segments { id label size share profile { key median q25 q75 } centroid { x y } } }`,
    );

    expect(errors).toBeUndefined();
    expect(data?.segments.map((segment) => segment.id).sort()).toEqual([...SEGMENT_IDS].sort());
    expect(data?.segments.reduce((sum, segment) => sum + segment.size, 0)).toBe(50);
    expect(data?.segments.reduce((sum, segment) => sum + segment.share, 0)).toBeCloseTo(1, 10);
    expect(data?.segments.every((segment) => segment.label && segment.profile.length === 17)).toBe(true);
  });

  it('should resolve Segment references with their label, and a retired id with no label and no error', async () => {
    const { data, errors } = await service.graphql(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Segment { id label size } } }`,
      { r: [{ __typename: 'Segment', id: 'transactors' }, { __typename: 'Segment', id: 'retired-segment' }] },
    );

    expect(errors).toBeUndefined();
    expect(data).toMatchObject({ _entities: [{ id: 'transactors', label: expect.any(String) }, { id: 'retired-segment', label: null, size: 0 }] });
  });
});

describe(PcaPointsResolver.name, () => {
  it('should return only the points of the segment asked for, and refuse a limit above the cap naming limit', async () => {
    const [{ segment_id: segmentId, n }] = await service.dataSource.query(`SELECT segment_id, count(*)::int AS n FROM assignments GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
    const { data } = await service.graphql<{ pcaPoints: { customerId: string; segmentId: string; x: number }[] }>(
      `query ($id: ID) { pcaPoints(segmentId: $id, limit: 100000) { customerId segmentId x y } }`,
      { id: segmentId },
    );
    const capped = await service.graphql(`{ pcaPoints(limit: 100001) { x } }`);

    expect(data?.pcaPoints).toHaveLength(n);
    expect(new Set(data?.pcaPoints.map((point) => point.segmentId))).toEqual(new Set([segmentId]));
    expect(capped.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'limit' } });
  });

});

describe(SimilarCustomerResolver.name, () => {
  it('should generate the same customer of the segment for the same seed, and refuse an unknown segment naming segmentId', async () => {
    const query = `query ($id: ID!) { similarCustomer(segmentId: $id, seed: 7) { seed segment { id } features { balance purchasesFrequency tenure } } }`;
    const [first, second] = [await service.graphql(query, { id: 'revolvers' }), await service.graphql(query, { id: 'revolvers' })];
    const unknown = await service.graphql(query, { id: 'cluster-9' });

    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual(second.data);
    expect(first.data).toMatchObject({ similarCustomer: { seed: 7, segment: { id: 'revolvers' } } });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'segmentId' } });
  });
});

describe(CustomerResolver.name, () => {
  const ENTITIES = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Customer { id segment { segment { id label } pca { x y } modelVersion explanation { text } } } }
  }`;

  it('should resolve the segment of 50 Customer references with one assignments query when _entities is queried', async () => {
    const ids = events.map((event) => event.customerId).reverse();
    const logQuery = jest.spyOn(service.dataSource.logger, 'logQuery');
    try {
      const { data, errors } = await service.graphql<{ _entities: { id: string; segment: { segment: { id: string }; modelVersion: string; explanation: { text: string }[] } | null }[] }>(ENTITIES, {
        representations: ids.map((id) => ({ __typename: 'Customer', id })),
      });

      expect(errors).toBeUndefined();
      expect(data?._entities.map((customer) => customer.id)).toEqual(ids);
      expect(data?._entities.every((customer) => customer.segment?.modelVersion === version)).toBe(true);
      // Derived on read from the stored features (one joined query), as predict explains them.
      const first = events.find((event) => event.customerId === ids[0]);
      const [expected] = predict(bundle, [{ CUST_ID: ids[0], ...first?.features }]);
      expect(data?._entities[0].segment?.explanation).toEqual(expected.explanation.map((item) => ({ text: item.text })));
      expect(logQuery.mock.calls.map(([sql]) => sql)).toEqual([expect.stringMatching(/FROM assignments a JOIN customer_features f USING \(customer_id\) WHERE a\.customer_id = ANY/)]);
    } finally {
      logQuery.mockRestore();
    }
  });

  it('should give a null segment and an empty history to a customer never scored', async () => {
    const { data } = await service.graphql(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id segment { cluster } segmentHistory { toSegment { id } } } } }`,
      { r: [{ __typename: 'Customer', id: 'NEVER-SEEN' }] },
    );

    expect(data).toEqual({ _entities: [{ id: 'NEVER-SEEN', segment: null, segmentHistory: [] }] });
  });

  it('should give the first assignment as the history of a newly scored customer', async () => {
    const [{ segment_id: segmentId }] = await service.dataSource.query(`SELECT segment_id FROM assignments WHERE customer_id = $1`, [events[0].customerId]);
    const { data } = await service.graphql(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { segmentHistory { fromSegment { id } toSegment { id } modelVersion reason { feature } } } } }`,
      { r: [{ __typename: 'Customer', id: events[0].customerId }] },
    );

    expect(data).toMatchObject({ _entities: [{ segmentHistory: [{ fromSegment: null, toSegment: { id: segmentId }, modelVersion: version }] }] });
  });
});
