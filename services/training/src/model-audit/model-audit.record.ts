import type { RequestCaller } from '@seg/nest';

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
