import type { RequestCaller } from '@seg/nest';

/** The admin mutations the audit records; a new one (e.g. reject) is a new name here and in the resolver. */
export const MODEL_AUDIT_ACTIONS = ['train', 'promote'] as const;
export type ModelAuditAction = (typeof MODEL_AUDIT_ACTIONS)[number];

/** What a mutation records: who, what, on which version or run, and the arguments that matter (e.g. force). */
export interface NewModelAuditEntry {
  readonly action: ModelAuditAction;
  readonly modelName: string;
  readonly modelVersion: string | null;
  readonly trainingRunId: string | null;
  readonly caller: RequestCaller;
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

/** A row of `model_audit`. */
export interface ModelAuditRecord extends NewModelAuditEntry {
  /** bigserial: pg hands it over as a string, which keeps every digit. */
  readonly id: string;
  readonly at: Date;
}
