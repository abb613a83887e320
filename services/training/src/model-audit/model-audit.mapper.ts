import type { ModelAuditEntry } from './model-audit.model';
import type { ModelAuditRecord } from './model-audit.repository';

export function toModelAuditEntry(record: ModelAuditRecord): ModelAuditEntry {
  return {
    id: record.id,
    action: record.action,
    modelName: record.modelName,
    modelVersion: record.modelVersion,
    trainingRunId: record.trainingRunId,
    callerId: record.caller.id,
    callerName: record.caller.name,
    detail: { force: record.detail.force ?? null, reason: record.detail.reason ?? null },
    at: record.at,
  };
}
