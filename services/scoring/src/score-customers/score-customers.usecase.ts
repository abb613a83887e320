import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AssignmentsRepository, type ChangedAssignment } from '../assignments/assignments.repository';
import { scoreBatch } from '../assignments/scored-batch';
import { SegmentEventsPublisher } from '../assignments/segment-events.publisher';
import { ChampionHolder } from '../champion/champion.holder';
import { ErasureGuard, withoutPositions } from '@seg/db';
import { featureRowsToBatch, latestFeatureBatch, selectCustomers, type FeatureBatch } from '../customer-features/feature-batch';
import { CustomerFeaturesRepository, type FeatureChanges } from '../customer-features/customer-features.repository';
import { DriftTracker } from '../model-health/drift-tracker';
import type { ScoreCustomersCommand } from './score-customers.command';

export interface ScoreCustomersResult {
  /** Customers whose stored features changed (new, or a newer state). */
  readonly featuresChanged: number;
  /** Assignments inserted or changed (announced on customers.segments.v1); 0 without a champion. */
  readonly assignmentsChanged: number;
  /** null when no champion was loaded: the features are kept for the re-score that follows a promotion. */
  readonly modelVersion: string | null;
}

/**
 * A batch of feature events: the features copy and the assignments (with history on a segment change) in one
 * transaction, scored with one champion, and the changes published before it commits. A failed publication rolls
 * the batch back, so its redelivery scores and publishes it again (after a commit, a replay would find the features
 * unchanged and announce nothing); the transaction holds the customers' rows until then, so a later writer of the
 * same customers publishes after this batch. Only customers whose features changed are scored, so a replay of a
 * committed batch writes and publishes nothing. Once committed, the scored rows feed the drift monitor (the raw matrix
 * `predictMatrix` read), and the population counts trade the changed customers' previous features for the new ones.
 */
const NONE: FeatureBatch = featureRowsToBatch([]);

@Injectable()
export class ScoreCustomersUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly features: CustomerFeaturesRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly publisher: SegmentEventsPublisher,
    private readonly champions: ChampionHolder,
    private readonly drift: DriftTracker,
    private readonly erasures: ErasureGuard,
  ) {}

  async execute(command: ScoreCustomersCommand): Promise<ScoreCustomersResult> {
    const all = latestFeatureBatch(command.events);
    const scoredAt = new Date();
    const monitored = this.drift.enabled;
    const { champion, featuresChanged, changes } = await this.champions.use(async (champion) => {
      const written = await this.dataSource.transaction(async (manager) => {
        const erased = await this.erasures.admit(manager, all.customerIds);
        const batch = erased.size === 0 ? all : selectCustomers(all, new Set(withoutPositions(all.customerIds, erased)));
        // The previous features cost an index probe per customer: asked for only when the population is counted.
        const { changed, previous }: FeatureChanges =
          monitored && champion !== null ? await this.features.upsertReturningPrevious(manager, batch) : { changed: await this.features.upsert(manager, batch), previous: NONE };
        if (champion === null || changed.size === 0) return { changes: [] as ChangedAssignment[], featuresChanged: changed.size, rows: NONE, previous };
        const rows = selectCustomers(batch, changed);
        const scored = scoreBatch(champion.bundle, rows);
        const changes = await this.assignments.upsert(manager, scored, champion.version, scoredAt, 'all');
        await this.publisher.publish(changes, champion.version, scoredAt);
        return { changes, featuresChanged: changed.size, rows, previous };
      });
      if (monitored && champion !== null) this.drift.observe(champion, written.rows, written.previous, scoredAt.getTime());
      return { champion, ...written };
    });
    return { featuresChanged, assignmentsChanged: changes.length, modelVersion: champion?.version ?? null };
  }
}
