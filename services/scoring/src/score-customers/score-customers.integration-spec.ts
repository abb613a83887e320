import { setTimeout as sleep } from 'node:timers/promises';
import { parseCustomerSegmentsEvent } from '@seg/contracts';
import { readRecords, waitFor } from '@seg/kafka/testing';
import { FEATURE_NAMES, predict } from '@seg/ml';
import { createTestBundle } from '@seg/ml/testing';
import { featureEvents, createScoringTestEnvironment, handledFeatureEvents, type ScoringTestApp, type ScoringTestEnvironment } from '../testing/scoring-test-app';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { scoreBatch } from '../assignments/scored-batch';
import { ChampionHolder } from '../champion/champion.holder';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { latestFeatureBatch } from '../customer-features/feature-batch';
import { RescoreUseCase } from '../rescore/rescore.usecase';
import { ScoreCustomersUseCase } from './score-customers.usecase';

jest.setTimeout(60_000);

const count = async (service: ScoringTestApp, table: string) => Number((await service.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

const handled = handledFeatureEvents;

describe(ScoreCustomersUseCase.name, () => {
  let environment: ScoringTestEnvironment;

  beforeEach(async () => {
    environment = await createScoringTestEnvironment();
  });

  afterEach(() => environment?.close());

  it('should assign every customer with the champion, publish one event each, add nothing on a replay and one history row on a move', async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    const { version } = await environment.registerChampion(bundle);
    const service = await environment.boot();
    const events = featureEvents(40, 5, 'C');

    await environment.publishFeatures(events);
    await waitFor(async () => (await count(service, 'assignments')) === 40, '40 assignments');

    expect(await service.dataSource.query(`SELECT DISTINCT model_version FROM assignments`)).toEqual([{ model_version: version }]);
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM segment_history WHERE from_segment IS NULL`)).toEqual([{ n: 40 }]);
    const published = (await readRecords(environment.kafka, environment.topics.segments, 40)).map((record) => parseCustomerSegmentsEvent(JSON.parse(String(record.value))));
    expect(new Set(published.map((event) => event.customerId)).size).toBe(40);
    expect(published.every((event) => event.modelVersion === version)).toBe(true);

    const before = await service.dataSource.query(`SELECT * FROM assignments ORDER BY customer_id`);
    await environment.publishFeatures(events);
    await waitFor(() => handled(service) >= 80, 'the replay handled');

    expect(await service.dataSource.query(`SELECT * FROM assignments ORDER BY customer_id`)).toEqual(before);
    expect(await count(service, 'segment_history')).toBe(40);

    const [mover, target] = [before[0], before.find((row: { segment_id: string }) => row.segment_id !== before[0].segment_id)];
    const source = events.find((event) => event.customerId === target.customer_id);
    const moved = { ...events[0], customerId: mover.customer_id, features: source?.features ?? {}, updatedAt: new Date(Date.now() + 1_000).toISOString() };
    await environment.publishFeatures([moved]);
    await waitFor(async () => (await count(service, 'segment_history')) > 40, 'the move in the history');

    const history = await service.dataSource.query(`SELECT from_segment, to_segment, model_version FROM segment_history WHERE customer_id = $1 ORDER BY id`, [mover.customer_id]);
    expect(history).toEqual([
      { from_segment: null, to_segment: mover.segment_id, model_version: version },
      { from_segment: mover.segment_id, to_segment: target.segment_id, model_version: version },
    ]);
    expect(await count(service, 'segment_history')).toBe(41);
    expect(await count(service, 'assignments')).toBe(40);
  });

  it('should commit a batch only once its segment events are sent, so a batch whose send failed is scored and published when it is redelivered', async () => {
    await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    await environment.dropSegmentsTopic();
    const service = await environment.boot();
    const events = featureEvents(20, 23, 'F');
    await environment.publishFeatures(events);
    const sending = async () =>
      (await service.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction' AND query LIKE '%INSERT INTO segment_history%'`))[0].n;
    await waitFor(async () => (await sending()) > 0, "the batch's transaction open while its events are sent");
    await waitFor(async () => (await sending()) === 0, 'the failed send rolled back');

    expect([await count(service, 'customer_features'), await count(service, 'assignments')]).toEqual([0, 0]);

    await environment.restoreSegmentsTopic();
    const published = (await readRecords(environment.kafka, environment.topics.segments, 20, 40_000)).map((record) => parseCustomerSegmentsEvent(JSON.parse(String(record.value))));
    await waitFor(async () => (await count(service, 'assignments')) === 20, '20 assignments');

    expect(new Set(published.map((event) => event.customerId))).toEqual(new Set(events.map((event) => event.customerId)));
    expect(await count(service, 'segment_history')).toBe(20);
  });

  it('should keep events without a champion and score them all when one is promoted', async () => {
    const service = await environment.boot();
    const events = featureEvents(30, 9, 'W');
    await environment.publishFeatures(events);
    await waitFor(() => handled(service) >= 30, '30 events handled');

    expect([await count(service, 'customer_features'), await count(service, 'assignments')]).toEqual([30, 0]);
    expect((await service.graphql(`{ scoringModel { version } rescoreProgress { status } }`)).data).toEqual({ scoringModel: null, rescoreProgress: null });

    const bundle = await createTestBundle({ rows: 1_500 });
    const { version, bundleUri } = await environment.registerChampion(bundle);
    await environment.publishPromotion(version, bundleUri);
    await waitFor(async () => (await service.dataSource.query(`SELECT status FROM rescore_jobs`))[0]?.status === 'succeeded', 're-score job succeeded');

    expect(await service.dataSource.query(`SELECT count(*)::int AS n, min(model_version) AS v FROM assignments`)).toEqual([{ n: 30, v: version }]);
    // The re-score reads the stored features back: every customer gets the segment predict gives from its event.
    const predicted = predict(bundle, events.map((event) => ({ CUST_ID: event.customerId, ...event.features })));
    const assigned: { customer_id: string; segment_id: string }[] = await service.dataSource.query(`SELECT customer_id, segment_id FROM assignments`);
    expect(Object.fromEntries(assigned.map((row) => [row.customer_id, row.segment_id]))).toEqual(
      Object.fromEntries(predicted.map((prediction, i) => [events[i].customerId, prediction.segmentId])),
    );
    const progress = await service.graphql<{ rescoreProgress: { status: string; total: number; done: number; percent: number; modelVersion: string } }>(
      `{ rescoreProgress { status total done percent modelVersion } scoringModel { version source } }`,
    );
    expect(progress.data).toEqual({
      rescoreProgress: { status: 'succeeded', total: 30, done: 30, percent: 100, modelVersion: version },
      scoringModel: { version, source: 'mlflow' },
    });
    expect((await readRecords(environment.kafka, environment.topics.segments, 30)).length).toBe(30);
  });

  it('should boot with the cached champion and score with it when MLflow is unreachable', async () => {
    const { version } = await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const first = await environment.boot();
    expect((await first.graphql(`{ scoringModel { version source } }`)).data).toEqual({ scoringModel: { version, source: 'mlflow' } });
    await first.close();

    const offline = await environment.boot({ MLFLOW_TRACKING_URI: 'http://127.0.0.1:9', MLFLOW_MAX_RETRIES: '0' });
    await environment.publishFeatures(featureEvents(5, 13, 'K'));
    await waitFor(async () => (await count(offline, 'assignments')) === 5, '5 assignments');

    expect((await offline.graphql(`{ scoringModel { version source } }`)).data).toEqual({ scoringModel: { version, source: 'cache' } });
    expect(await offline.dataSource.query(`SELECT DISTINCT model_version FROM assignments`)).toEqual([{ model_version: version }]);
    const health = await fetch(`${await offline.app.getUrl()}/health`).then((response) => response.json());
    expect(health).toMatchObject({ status: 'ok', model: { version, source: 'cache' } });
  });
});

describe(RescoreUseCase.name, () => {
  let environment: ScoringTestEnvironment;

  beforeEach(async () => {
    environment = await createScoringTestEnvironment();
  });

  afterEach(() => environment?.close());

  it('should resume an unfinished job from its cursor and leave earlier pages untouched when the service boots again', async () => {
    await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const service = await environment.boot({ SCORING_RESCORE_PAGE_SIZE: '100' });
    const events = featureEvents(250, 21, 'R');
    await environment.publishFeatures(events);
    await waitFor(async () => (await count(service, 'assignments')) === 250, '250 assignments');
    // A job for another version, interrupted after the first page, as a crash would leave it.
    const { version } = await environment.registerChampion(await createTestBundle({ rows: 1_500, seed: 8 }));
    await service.dataSource.query(
      `INSERT INTO rescore_jobs (id, model_version, status, total, done, cursor) VALUES ('8f0c3c1e-2b1a-4c55-9d7e-3a1b2c3d4e5f', $1, 'running', 250, 100, $2)`,
      [version, events[99].customerId],
    );
    await service.close();

    const restarted = await environment.boot({ SCORING_RESCORE_PAGE_SIZE: '100' });
    await waitFor(async () => (await restarted.dataSource.query(`SELECT status FROM rescore_jobs`))[0].status === 'succeeded', 'the resumed job done');

    expect(await restarted.dataSource.query(`SELECT total, done, cursor FROM rescore_jobs`)).toEqual([{ total: 250, done: 250, cursor: events[249].customerId }]);
    const byVersion = await restarted.dataSource.query(`SELECT model_version, count(*)::int AS n, max(customer_id) AS last FROM assignments GROUP BY 1 ORDER BY 1`);
    // The first page belonged to the job before the crash: resuming did not redo it (here the old model keeps it).
    expect(byVersion).toEqual([
      { model_version: '1', n: 100, last: events[99].customerId },
      { model_version: version, n: 150, last: events[249].customerId },
    ]);
  });
  it('should leave customers off the new champion while their moves cannot be sent, and finish the job on a later try once they can', async () => {
    await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const service = await environment.boot({ SCORING_RESCORE_RETRY_MS: '500' });
    await environment.publishFeatures(featureEvents(30, 29, 'S'));
    await waitFor(async () => (await count(service, 'assignments')) === 30, '30 assignments');
    const segments = async (): Promise<{ customer_id: string; segment_id: string }[]> => service.dataSource.query(`SELECT customer_id, segment_id FROM assignments ORDER BY customer_id`);
    const before = new Map((await segments()).map((row) => [row.customer_id, row.segment_id]));
    await environment.dropSegmentsTopic();

    const { version, bundleUri } = await environment.registerChampion(await createTestBundle({ rows: 1_500, seed: 8 }));
    await environment.publishPromotion(version, bundleUri);
    const jobs = async (): Promise<{ status: string; total: number; done: number }[]> =>
      service.dataSource.query(`SELECT status, total, done FROM rescore_jobs WHERE model_version = $1 ORDER BY started_at`, [version]);
    await waitFor(async () => (await jobs())[0]?.status === 'failed', 'the job failed to send its moves', 40_000);

    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE model_version = $1`, [version])).toEqual([{ n: 0 }]);

    await environment.restoreSegmentsTopic();
    await waitFor(async () => (await jobs()).some((job) => job.status === 'succeeded'), 'a later try succeeded', 40_000);

    expect((await jobs()).at(-1)).toEqual({ status: 'succeeded', total: 30, done: 30 });
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE model_version = $1`, [version])).toEqual([{ n: 30 }]);
    // One history row per customer whose segment the new model changed, from the segment it had.
    const moved: { customer_id: string }[] = await service.dataSource.query(
      `SELECT customer_id, from_segment, to_segment FROM segment_history WHERE model_version = $1 ORDER BY customer_id`,
      [version],
    );
    const changed = (await segments()).filter((row) => row.segment_id !== before.get(row.customer_id));
    expect(changed.length).toBeGreaterThan(0);
    expect(moved).toEqual(changed.map((row) => ({ customer_id: row.customer_id, from_segment: before.get(row.customer_id), to_segment: row.segment_id })));
    const published = await readRecords(environment.kafka, environment.topics.segments, moved.length);
    expect(new Set(published.map((record) => String(record.key)))).toEqual(new Set(moved.map((row) => row.customer_id)));
  });

  it('should rewrite in place, on its page, the row of every customer a re-score leaves in its segment', async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    await environment.registerChampion(bundle);
    const service = await environment.boot();
    // Written as a first re-score writes them: inserted, nothing on the pages but the rows.
    await service.dataSource.transaction((manager) => service.app.get(CustomerFeaturesRepository).upsert(manager, latestFeatureBatch(featureEvents(2_000, 31, 'H'))));
    await service.app.get(RescoreUseCase).execute();
    const blocks = async (): Promise<{ customer_id: string; segment_id: string; block: number }[]> =>
      service.dataSource.query(`SELECT customer_id, segment_id, (ctid::text::point)[0]::int AS block FROM assignments ORDER BY customer_id`);
    const before = await blocks();

    // The same model as a new version: every row is rewritten, no segment changes.
    const { version, bundleUri } = await environment.registerChampion(bundle);
    await environment.publishPromotion(version, bundleUri);
    await waitFor(async () => (await service.dataSource.query(`SELECT status FROM rescore_jobs WHERE model_version = $1`, [version]))[0]?.status === 'succeeded', 'the re-score done');

    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE model_version = $1`, [version])).toEqual([{ n: 2_000 }]);
    // Full pages would have sent each new version to another page, with an entry in both indexes.
    expect(await blocks()).toEqual(before);
    expect(new Set(before.map((row) => row.block)).size).toBeGreaterThan(1);
  });

  it('should re-score with the new champion a batch the previous champion scored that commits after the promotion', async () => {
    await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const service = await environment.boot();
    const events = featureEvents(30, 17, 'L', '2026-11-25T10:00:00.000Z');
    await environment.publishFeatures(events);
    await waitFor(async () => (await count(service, 'assignments')) === 30, '30 assignments');

    // A feature batch that takes the current champion, then waits on a row lock until after the promotion.
    const blocker = service.dataSource.createQueryRunner();
    await blocker.startTransaction();
    await blocker.query(`SELECT 1 FROM customer_features WHERE customer_id = $1 FOR UPDATE`, [events[0].customerId]);
    const [{ pid }] = await blocker.query(`SELECT pg_backend_pid() AS pid`);
    const changed = { ...events[0], features: events[1].features, updatedAt: '2026-11-25T11:00:00.000Z' };
    await environment.publishFeatures([changed]);
    const waiting = async () => (await service.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))`, [pid]))[0].n;
    await waitFor(async () => (await waiting()) > 0, 'the batch waiting on the lock');

    const { version, bundleUri } = await environment.registerChampion(await createTestBundle({ rows: 1_500, seed: 8 }));
    await environment.publishPromotion(version, bundleUri);
    await waitFor(async () => service.app.get(ChampionHolder).current()?.version === version, 'the new champion loaded');
    // Time for a re-score that did not wait for the batch to pass its customer first.
    await sleep(1_500);
    await blocker.commitTransaction();
    await blocker.release();

    const job = async () => service.dataSource.query(`SELECT status, total, done FROM rescore_jobs WHERE model_version = $1`, [version]);
    await waitFor(async () => (await job())[0]?.status === 'succeeded', 'the re-score of the new champion done');
    const assignment = async () => service.dataSource.query(`SELECT model_version, features_updated_at FROM assignments WHERE customer_id = $1`, [changed.customerId]);
    // Without the wait for the held batch, the job is done before it commits: wait for its write either way.
    await waitFor(async () => (await assignment())[0].features_updated_at.getTime() === Date.parse(changed.updatedAt), 'the held batch committed');

    expect(await assignment()).toEqual([{ model_version: version, features_updated_at: new Date(changed.updatedAt) }]);
    expect(await count(service, 'assignments')).toBe(30);
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE model_version = $1`, [version])).toEqual([{ n: 30 }]);
    expect(await job()).toEqual([{ status: 'succeeded', total: 30, done: 30 }]);
  });

  it('should not let a page read before a feature event replace the assignment that event wrote, when the page is written after it', async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    const { version } = await environment.registerChampion(bundle);
    const service = await environment.boot();
    const events = featureEvents(30, 13, 'P', '2026-11-25T10:00:00.000Z').map((event, i) => (i === 1 ? { ...event, features: { ...event.features, CREDIT_LIMIT: null } } : event));
    await environment.publishFeatures(events);
    await waitFor(async () => (await count(service, 'assignments')) === 30, '30 assignments');
    const reader = service.dataSource.createQueryRunner();
    // Every customer, as a re-score for a model none of them is on reads them.
    const pages = service.app.get(CustomerFeaturesRepository);
    const stalePage = await pages.pageNotScoredBy(reader, 'unseen', null, 100);
    // COPY takes no parameters: a cursor and a model version with quotes in them are literals, not SQL.
    const afterQuote = await pages.pageNotScoredBy(reader, "it's", "P0000'); DROP TABLE assignments; --", 100).finally(() => reader.release());
    const before: { customer_id: string; segment_id: string }[] = await service.dataSource.query(`SELECT customer_id, segment_id FROM assignments ORDER BY customer_id`);

    // The page holds each customer's exact features (the missing one as NaN), time stamp and segment.
    expect([...stalePage.matrix.data]).toEqual([...latestFeatureBatch(events).matrix.data]);
    expect(Number.isNaN(stalePage.matrix.data[stalePage.matrix.cols + FEATURE_NAMES.indexOf('CREDIT_LIMIT')])).toBe(true);
    expect([stalePage.customerIds, stalePage.updatedAt.map((at) => Date.parse(at)), stalePage.currentSegments]).toEqual([
      before.map((row) => row.customer_id),
      events.map(() => Date.parse('2026-11-25T10:00:00.000Z')),
      before.map((row) => row.segment_id),
    ]);
    expect(afterQuote.customerIds).toEqual(stalePage.customerIds.slice(1));

    // The event that commits between the page's read and its write: customer P…0 takes another segment's features.
    const [mover, target] = [before[0], before.find((row) => row.segment_id !== before[0].segment_id)];
    const source = events.find((event) => event.customerId === target?.customer_id);
    await environment.publishFeatures([{ ...events[0], customerId: mover.customer_id, features: source?.features ?? {}, updatedAt: '2026-11-25T11:00:00.000Z' }]);
    await waitFor(async () => (await service.dataSource.query(`SELECT segment_id FROM assignments WHERE customer_id = $1`, [mover.customer_id]))[0].segment_id === target?.segment_id, 'the event scored');
    const afterEvent = await service.dataSource.query(`SELECT * FROM assignments ORDER BY customer_id`);

    // The re-score's write of that page, as RescoreUseCase does it.
    const champion = service.app.get(ChampionHolder).current();
    if (champion === null) throw new Error('no champion loaded');
    await service.dataSource.transaction((manager) => service.app.get(AssignmentsRepository).upsert(manager, scoreBatch(champion.bundle, stalePage), version, new Date(), 'moves'));

    expect(await service.dataSource.query(`SELECT * FROM assignments ORDER BY customer_id`)).toEqual(afterEvent);
    expect(await service.dataSource.query(`SELECT segment_id, features_updated_at FROM assignments WHERE customer_id = $1`, [mover.customer_id])).toEqual([
      { segment_id: target?.segment_id, features_updated_at: new Date('2026-11-25T11:00:00.000Z') },
    ]);
  });
});
