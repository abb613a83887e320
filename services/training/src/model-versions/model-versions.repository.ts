import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deserializeBundle, type ModelBundle, type SegmentId } from '@seg/ml';
import type { DataSource, EntityManager } from 'typeorm';

export interface SegmentLabel {
  readonly cluster: number;
  readonly segmentId: SegmentId | null;
  readonly label: string | null;
}

/** A row of `model_versions`: a registered MLflow version of the model and its bundle. */
export interface ModelVersionRecord {
  readonly modelName: string;
  readonly version: string;
  readonly trainingRunId: string | null;
  readonly mlflowRunId: string;
  readonly mlflowExperimentId: string;
  readonly bundleUri: string;
  readonly bundle: ModelBundle;
  readonly segmentLabels: readonly SegmentLabel[];
  readonly metrics: Record<string, number>;
  readonly isChampion: boolean;
  readonly promotedAt: Date | null;
  readonly forced: boolean;
  readonly createdAt: Date;
}

export type NewModelVersion = Omit<ModelVersionRecord, 'isChampion' | 'promotedAt' | 'forced' | 'createdAt'>;

function toRecord(row: Record<string, unknown>): ModelVersionRecord {
  return {
    modelName: row.model_name as string,
    version: row.version as string,
    trainingRunId: row.training_run_id as string | null,
    mlflowRunId: row.mlflow_run_id as string,
    mlflowExperimentId: row.mlflow_experiment_id as string,
    bundleUri: row.bundle_uri as string,
    // Checked on the way out too: the jsonb column is only as trustworthy as whoever wrote it.
    bundle: deserializeBundle(row.bundle),
    segmentLabels: row.segment_labels as ModelVersionRecord['segmentLabels'],
    metrics: row.metrics as Record<string, number>,
    isChampion: row.is_champion as boolean,
    promotedAt: row.promoted_at as Date | null,
    forced: row.forced as boolean,
    createdAt: row.created_at as Date,
  };
}

@Injectable()
export class ModelVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(version: NewModelVersion): Promise<ModelVersionRecord> {
    const [row] = await this.dataSource.query(
      `INSERT INTO model_versions (model_name, version, training_run_id, mlflow_run_id, mlflow_experiment_id, bundle_uri, bundle, segment_labels, metrics)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        version.modelName,
        version.version,
        version.trainingRunId,
        version.mlflowRunId,
        version.mlflowExperimentId,
        version.bundleUri,
        JSON.stringify(version.bundle),
        JSON.stringify(version.segmentLabels),
        JSON.stringify(version.metrics),
      ],
    );
    return toRecord(row);
  }

  /**
   * Moves the champion flag to `version` in the caller's transaction (the unique index allows one champion per
   * model); null when the version is not one of ours (registered in MLflow by someone else): then none of ours is.
   */
  async markChampion(manager: EntityManager, modelName: string, version: string, forced: boolean, promotedAt: Date): Promise<ModelVersionRecord | null> {
    await manager.query(`UPDATE model_versions SET is_champion = false WHERE model_name = $1 AND is_champion`, [modelName]);
    const [rows] = await manager.query(
      `UPDATE model_versions SET is_champion = true, promoted_at = $3, forced = $4 WHERE model_name = $1 AND version = $2 RETURNING *`,
      [modelName, version, promotedAt, forced],
    );
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  async byVersion(modelName: string, version: string): Promise<ModelVersionRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM model_versions WHERE model_name = $1 AND version = $2`, [modelName, version]);
    return row === undefined ? null : toRecord(row);
  }

  async champion(modelName: string): Promise<ModelVersionRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM model_versions WHERE model_name = $1 AND is_champion`, [modelName]);
    return row === undefined ? null : toRecord(row);
  }

  async recent(modelName: string, first: number): Promise<ModelVersionRecord[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM model_versions WHERE model_name = $1 ORDER BY created_at DESC, version DESC LIMIT $2`,
      [modelName, first],
    );
    return rows.map(toRecord);
  }
}
