import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RequestCaller } from '@seg/nest';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * What the audit records: the admin mutations (train, promote, reject) and the platform's own champion decisions
 * (promote by the gate or by MLflow, supersede by a newer run). A new one is a new name here and in the migration's
 * check, not a new table.
 */
export type ModelAuditAction = 'train' | 'promote' | 'reject' | 'supersede';

/**
 * The platform as the caller of a decision nobody made by hand: `gate` (auto mode promoted a run that passed it),
 * `newer-run` (a newer run superseded one waiting for review), `mlflow` (the alias was moved there).
 */
export const PLATFORM_CALLERS = {
  gate: { id: 'gate', name: 'gate' },
  newerRun: { id: 'newer-run', name: 'newer-run' },
  mlflow: { id: 'mlflow', name: 'mlflow' },
} as const satisfies Record<string, RequestCaller>;

/** The arguments and reasons that matter: `force` of a promotion, the `reason` of a rejection, a supersession or a promotion made in MLflow. */
export interface ModelAuditDetail {
  readonly force?: boolean;
  readonly reason?: string;
}

/** One row to append: who did what, on which version or run. */
export interface NewModelAuditEntry {
  readonly action: ModelAuditAction;
  readonly modelName: string;
  /** null for `train`: the run registers its version later. */
  readonly modelVersion: string | null;
  readonly trainingRunId: string | null;
  readonly caller: RequestCaller;
  readonly detail: ModelAuditDetail;
}

/** A row of `model_audit`. */
export interface ModelAuditRecord extends NewModelAuditEntry {
  /** bigserial: pg hands it over as a string, which keeps every digit. */
  readonly id: string;
  readonly at: Date;
}

function toRecord(row: Record<string, unknown>): ModelAuditRecord {
  return {
    id: row.id as string,
    action: row.action as ModelAuditAction,
    modelName: row.model_name as string,
    modelVersion: row.model_version as string | null,
    trainingRunId: row.training_run_id as string | null,
    caller: { id: row.caller_id as string, name: row.caller_name as string },
    detail: row.detail as ModelAuditRecord['detail'],
    at: row.at as Date,
  };
}

/** The one audit of the model (`model_audit`): appended, never changed. */
@Injectable()
export class ModelAuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inside the transaction of the change it records (`manager`), so a change is never left unaudited. */
  async record(manager: EntityManager, entry: NewModelAuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO model_audit (action, model_name, model_version, training_run_id, caller_id, caller_name, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.action, entry.modelName, entry.modelVersion, entry.trainingRunId, entry.caller.id, entry.caller.name, JSON.stringify(entry.detail)],
    );
  }

  /** The latest first (the id breaks ties within a transaction); only a run's rows when `trainingRunId` is given. */
  async recent(modelName: string, first: number, trainingRunId: string | null = null): Promise<ModelAuditRecord[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM model_audit WHERE model_name = $1 AND ($3::uuid IS NULL OR training_run_id = $3) ORDER BY at DESC, id DESC LIMIT $2`,
      [modelName, first, trainingRunId],
    );
    return rows.map(toRecord);
  }
}
