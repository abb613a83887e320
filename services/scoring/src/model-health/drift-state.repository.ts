import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DriftStatus } from '@seg/ml';
import type { DataSource, EntityManager } from 'typeorm';

/** What a replica saves of its drift state: enough to merge every replica's inflow and shadow K-Means. */
export interface ReplicaDriftState {
  readonly replicaId: string;
  readonly modelVersion: string;
  readonly inflowCounts: readonly number[];
  readonly inflowTotal: number;
  readonly shadowCentroids: readonly number[];
  readonly shadowObserved: readonly number[];
  readonly updatedAt: Date;
}

/** The last overall status sent on `models.health.v1` for a model. */
export interface SentHealthStatus {
  readonly modelVersion: string;
  readonly status: DriftStatus;
}

/** A current assignment count per segment id as stored (`cluster-<n>` for a cluster without a segment id). */
export interface StoredSegmentCount {
  readonly segmentId: string;
  readonly count: number;
}

@Injectable()
export class DriftStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(state: ReplicaDriftState): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO drift_replicas (replica_id, model_version, inflow_counts, inflow_total, shadow_centroids, shadow_observed, updated_at)
       VALUES ($1, $2, $3::float8[], $4, $5::float8[], $6::float8[], $7)
       ON CONFLICT (replica_id) DO UPDATE SET model_version = EXCLUDED.model_version, inflow_counts = EXCLUDED.inflow_counts,
         inflow_total = EXCLUDED.inflow_total, shadow_centroids = EXCLUDED.shadow_centroids, shadow_observed = EXCLUDED.shadow_observed,
         updated_at = EXCLUDED.updated_at`,
      [state.replicaId, state.modelVersion, state.inflowCounts, state.inflowTotal, state.shadowCentroids, state.shadowObserved, state.updatedAt],
    );
  }

  /** The states of `modelVersion` saved since `since` (live replicas); rows of replicas gone for a day are deleted on the way. */
  async fresh(modelVersion: string, since: Date): Promise<ReplicaDriftState[]> {
    await this.dataSource.query(`DELETE FROM drift_replicas WHERE updated_at < now() - interval '1 day'`);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM drift_replicas WHERE model_version = $1 AND updated_at >= $2 ORDER BY replica_id`,
      [modelVersion, since],
    );
    return rows.map((row) => ({
      replicaId: row.replica_id as string,
      modelVersion: row.model_version as string,
      inflowCounts: row.inflow_counts as number[],
      inflowTotal: row.inflow_total as number,
      shadowCentroids: row.shadow_centroids as number[],
      shadowObserved: row.shadow_observed as number[],
      updatedAt: row.updated_at as Date,
    }));
  }

  /** Current assignments by `modelVersion` per segment: one grouped scan, asked when the health is judged. */
  async segmentCounts(modelVersion: string): Promise<StoredSegmentCount[]> {
    const rows: { segment_id: string; n: number }[] = await this.dataSource.query(
      `SELECT segment_id, count(*)::int AS n FROM assignments WHERE model_version = $1 GROUP BY segment_id ORDER BY segment_id`,
      [modelVersion],
    );
    return rows.map((row) => ({ segmentId: row.segment_id, count: row.n }));
  }

  /** The last status sent, locked for the caller's transaction. */
  async sentStatus(manager: EntityManager, modelName: string): Promise<SentHealthStatus | null> {
    const [row] = await manager.query(`SELECT model_version, status FROM model_health_status WHERE model_name = $1 FOR UPDATE`, [modelName]);
    return row === undefined ? null : { modelVersion: row.model_version, status: row.status };
  }

  async recordSent(manager: EntityManager, modelName: string, modelVersion: string, status: DriftStatus, signals: Record<string, DriftStatus>, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO model_health_status (model_name, model_version, status, signals, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (model_name) DO UPDATE SET model_version = EXCLUDED.model_version, status = EXCLUDED.status, signals = EXCLUDED.signals, changed_at = EXCLUDED.changed_at`,
      [modelName, modelVersion, status, JSON.stringify(signals), at],
    );
  }
}
