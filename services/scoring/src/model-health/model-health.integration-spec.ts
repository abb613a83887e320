import { parseModelHealthEvent, type CustomerFeaturesEvent, type ModelHealthEvent } from '@seg/contracts';
import { topicRecordCount } from '@seg/kafka';
import { readRecords, waitFor } from '@seg/kafka/testing';
import { predict, type ModelBundle } from '@seg/ml';
import { createTestBundle } from '@seg/ml/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { createScoringTestEnvironment, featureEvents, type ScoringTestApp, type ScoringTestEnvironment } from '../testing/scoring-test-app';
import { AssessModelHealthUseCase } from './assess-model-health.usecase';

jest.setTimeout(120_000);

const HEALTH = `{
  modelHealth {
    version status replicas
    inflow { status count features { feature psi status referenceShares liveShares } }
    population { status count builtAt features { feature psi status } }
    segmentShares { status count psi segments { segmentId referenceShare currentShare changePp } }
    centroids { status seen clusters { segmentId observed relative status } }
    championRejected { version reason }
  }
}`;

interface Health {
  version: string;
  status: string;
  replicas: number;
  inflow: { status: string; count: number; features: { feature: string; psi: number | null; status: string; referenceShares: number[]; liveShares: number[] }[] };
  population: { status: string; count: number; builtAt: string | null; features: { feature: string; psi: number | null; status: string }[] };
  segmentShares: { status: string; count: number; psi: number | null; segments: { segmentId: string | null; referenceShare: number; currentShare: number | null; changePp: number | null }[] };
  centroids: { status: string; seen: number; clusters: { segmentId: string | null; observed: number; relative: number | null; status: string }[] };
  championRejected: { version: string; reason: string } | null;
}

async function modelHealth(service: ScoringTestApp): Promise<Health> {
  const result = await service.graphql<{ modelHealth: Health }>(HEALTH);
  if (result.errors !== undefined || result.data === undefined) throw new Error(`modelHealth failed: ${JSON.stringify(result.errors)}`);
  return result.data.modelHealth;
}

const assigned = async (service: ScoringTestApp): Promise<number> => (await service.dataSource.query(`SELECT count(*)::int AS n FROM assignments`))[0].n;

/** Events of customers the champion puts in its largest segment only: a batch that skews the segment shares. */
function skewedEvents(bundle: ModelBundle, count: number, prefix: string): { events: CustomerFeaturesEvent[]; segmentId: string } {
  const pool = featureEvents(count * 6, 31, prefix);
  const segments = predict(bundle, pool.map((event) => ({ CUST_ID: event.customerId, ...event.features })));
  const sizes = new Map<string, number>();
  for (const p of segments) if (p.segmentId !== null) sizes.set(p.segmentId, (sizes.get(p.segmentId) ?? 0) + 1);
  const [segmentId] = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0];
  const events = pool.filter((_, i) => segments[i].segmentId === segmentId).slice(0, count);
  return { events, segmentId };
}

describe(AssessModelHealthUseCase.name, () => {
  let environment: ScoringTestEnvironment;

  beforeEach(async () => {
    environment = await createScoringTestEnvironment();
  });

  afterEach(() => environment?.close());

  it("should push PURCHASES' PSI over 0.25 in the inflow and the population when PURCHASES is five times as large, and keep the untouched features under 0.1", async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    const { version } = await environment.registerChampion(bundle);
    const service = await environment.boot({ SCORING_DRIFT_CHECK_MS: '600000' });
    const events = featureEvents(3_000, 11, 'P').map((event) => ({
      ...event,
      features: { ...event.features, PURCHASES: event.features.PURCHASES === null ? null : (event.features.PURCHASES as number) * 5 },
    }));

    await environment.publishFeatures(events);
    await waitFor(async () => (await assigned(service)) === 3_000, '3,000 assignments');
    const health = await modelHealth(service);

    expect(health.version).toBe(version);
    expect(health.inflow.count).toBe(3_000);
    const purchases = health.inflow.features.find((f) => f.feature === 'PURCHASES');
    expect(purchases?.psi).toBeGreaterThan(0.25);
    expect(purchases?.status).toBe('alert');
    // Most drifted first, with both histograms of the same bins.
    expect(health.inflow.features[0].feature).toBe('PURCHASES');
    expect(purchases?.liveShares).toHaveLength(purchases?.referenceShares.length ?? -1);
    const untouched = health.inflow.features.filter((f) => !['PURCHASES'].includes(f.feature));
    expect(untouched.length).toBeGreaterThan(10);
    for (const feature of untouched) expect(feature.psi).toBeLessThan(0.1);
    expect(health.inflow.status).toBe('alert');
    expect(health.status).toBe('alert');
    // The population holds the same customers: their stored features, counted at boot (none) and kept up to date since.
    expect(health.population.count).toBe(3_000);
    expect(health.population.features.find((f) => f.feature === 'PURCHASES')?.psi).toBeGreaterThan(0.25);
    for (const feature of health.population.features.filter((f) => f.feature !== 'PURCHASES')) expect(feature.psi).toBeLessThan(0.1);
    expect(health.replicas).toBe(1);
  });

  it('should count a customer once in the population when its features change, and rebuild the same counts from the stored features at boot', async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    await environment.registerChampion(bundle);
    const first = await environment.boot({ SCORING_DRIFT_CHECK_MS: '600000', SCORING_DRIFT_MIN_COUNT: '10' });
    const events = featureEvents(400, 12, 'U');
    await environment.publishFeatures(events);
    await waitFor(async () => (await assigned(first)) === 400, '400 assignments');
    // The same customers again, PURCHASES × 5 and a newer state: the population trades their old rows for the new.
    const later = new Date(Date.now() + 1_000).toISOString();
    await environment.publishFeatures(events.map((e) => ({ ...e, updatedAt: later, features: { ...e.features, PURCHASES: ((e.features.PURCHASES as number | null) ?? 0) * 5 } })));
    await waitFor(async () => (await modelHealth(first)).inflow.count === 800, 'the second batch observed');
    const live = await modelHealth(first);
    await first.close();

    const second = await environment.boot({ SCORING_DRIFT_CHECK_MS: '600000', SCORING_DRIFT_MIN_COUNT: '10' });
    await waitFor(async () => (await modelHealth(second)).population.builtAt !== null, 'the population rebuilt at boot');
    const rebuilt = await modelHealth(second);

    expect(live.population.count).toBe(400);
    expect(rebuilt.population.count).toBe(400);
    const psi = (health: Health) => Object.fromEntries(health.population.features.map((f) => [f.feature, f.psi]));
    expect(psi(rebuilt)).toEqual(psi(live));
    expect(psi(live).PURCHASES).toBeGreaterThan(0.25);
  });

  it('should report the share drift of a batch from one segment, and send models.health.v1 once per change across two replicas', async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    const { version } = await environment.registerChampion(bundle);
    const settings = { SCORING_DRIFT_CHECK_MS: '150', SCORING_DRIFT_MIN_COUNT: '200' };
    const replicas = [await environment.boot(settings), await environment.boot(settings)];
    await waitFor(async () => (await topicRecordCount(environment.kafka, environment.topics.health)) >= 1, 'the first status');
    await sleep(1_500); // ten checks by each replica: no second event for an unchanged status

    expect(await topicRecordCount(environment.kafka, environment.topics.health)).toBe(1);

    const { events, segmentId } = skewedEvents(bundle, 1_200, 'K');
    await environment.publishFeatures(events);
    await waitFor(async () => (await assigned(replicas[0])) === events.length, 'the skewed batch assigned');
    const readEvents = async (): Promise<ModelHealthEvent[]> => {
      const count = await topicRecordCount(environment.kafka, environment.topics.health);
      return (await readRecords(environment.kafka, environment.topics.health, count)).map((r) => parseModelHealthEvent(JSON.parse(String(r.value))));
    };
    await waitFor(async () => (await readEvents()).at(-1)?.status === 'alert', 'the alert sent');
    await sleep(1_500);
    const sent = await readEvents();
    const health = await modelHealth(replicas[1]);

    expect(health.segmentShares.status).toBe('alert');
    expect(health.segmentShares.psi).toBeGreaterThan(0.25);
    const skewed = health.segmentShares.segments.find((s) => s.segmentId === segmentId);
    expect(skewed?.currentShare).toBe(1);
    expect(skewed?.changePp).toBeCloseTo((1 - (skewed?.referenceShare ?? 0)) * 100, 6);
    expect(health.replicas).toBe(2);
    expect(health.inflow.count).toBe(events.length);
    // One event per change: the first status, then only changes, each once, whichever replica judged.
    expect(sent[0]).toMatchObject({ version, previousStatus: null, status: 'insufficient-data' });
    for (let i = 1; i < sent.length; i++) {
      expect(sent[i].status).not.toBe(sent[i - 1].status);
      expect(sent[i].previousStatus).toBe(sent[i - 1].status);
    }
    expect(sent.at(-1)).toMatchObject({ status: 'alert', signals: expect.objectContaining({ segmentShares: 'alert' }) });
  });

  it('should refuse a promoted version whose bundle is invalid or missing: the champion and its assignments stay, modelHealth says why', async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    const champion = await environment.registerChampion(bundle);
    const service = await environment.boot({ SCORING_DRIFT_CHECK_MS: '600000' });
    await environment.publishFeatures(featureEvents(50, 5, 'B'));
    await waitFor(async () => (await assigned(service)) === 50, '50 assignments');
    const before = await service.dataSource.query(`SELECT * FROM assignments ORDER BY customer_id`);

    const broken = await environment.registerVersion('{"schemaVersion": 2, "kind": "customer-segmentation"}', true);
    await environment.publishPromotion(broken.version, broken.bundleUri);
    await waitFor(async () => (await modelHealth(service)).championRejected !== null, 'the refusal reported');
    const refused = await modelHealth(service);

    expect(refused.championRejected?.version).toBe(broken.version);
    expect(refused.championRejected?.reason).toMatch(/bundle .*bundle\.json/);
    expect(refused.version).toBe(champion.version);
    expect((await service.graphql<{ scoringModel: { version: string } }>(`{ scoringModel { version } }`)).data?.scoringModel.version).toBe(champion.version);

    const missing = { version: broken.version, bundleUri: broken.bundleUri.replace('bundle.json', 'no-such-bundle.json') };
    await environment.publishPromotion(missing.version, missing.bundleUri);
    await waitFor(async () => /no-such-bundle/.test((await modelHealth(service)).championRejected?.reason ?? ''), 'the missing bundle refused');
    await sleep(500);

    expect(await service.dataSource.query(`SELECT * FROM assignments ORDER BY customer_id`)).toEqual(before);
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM rescore_jobs`)).toEqual([{ n: 0 }]);
  });
});
