import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ModelAuditAction, ModelAuditRecord, NewModelAuditEntry } from './model-audit.record';

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
