import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export type PromotionDecisionKind = 'promoted' | 'rejected' | 'superseded';

/** Who decided: an admin's id from the gateway, or the platform itself (`gate`, `mlflow`, `newer-run`). */
export interface PromotionDecision {
  readonly modelName: string;
  readonly modelVersion: string;
  readonly trainingRunId: string | null;
  readonly decision: PromotionDecisionKind;
  readonly reason: string | null;
  readonly decidedBy: string;
  readonly decidedAt: Date;
}

function toDecision(row: Record<string, unknown>): PromotionDecision {
  return {
    modelName: row.model_name as string,
    modelVersion: row.model_version as string,
    trainingRunId: row.training_run_id as string | null,
    decision: row.decision as PromotionDecisionKind,
    reason: row.reason as string | null,
    decidedBy: row.decided_by as string,
    decidedAt: row.decided_at as Date,
  };
}

/** The audit of promotions and rejections: appended, never changed. */
@Injectable()
export class PromotionDecisionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, decision: Omit<PromotionDecision, 'decidedAt'>): Promise<PromotionDecision> {
    const [row] = await manager.query(
      `INSERT INTO promotion_decisions (model_name, model_version, training_run_id, decision, reason, decided_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [decision.modelName, decision.modelVersion, decision.trainingRunId, decision.decision, decision.reason, decision.decidedBy],
    );
    return toDecision(row);
  }

  /** The decisions about a run, the latest first. */
  async forRun(trainingRunId: string): Promise<PromotionDecision[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT * FROM promotion_decisions WHERE training_run_id = $1 ORDER BY id DESC`, [trainingRunId]);
    return rows.map(toDecision);
  }

  async recent(modelName: string, first: number): Promise<PromotionDecision[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT * FROM promotion_decisions WHERE model_name = $1 ORDER BY id DESC LIMIT $2`, [modelName, first]);
    return rows.map(toDecision);
  }
}
