/** Why a record went to the DLQ, as a small fixed set (the full reason travels in the record's `dlq-reason` header). */
export type DeadLetterKind = 'invalid-json' | 'invalid-record' | 'handler-failed';

export interface HandledBatch {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  /** Records the handler took in this call. */
  readonly records: number;
  /** From the handler call to the commit after it, retries included. */
  readonly seconds: number;
}

export interface DeadLetteredRecords {
  readonly groupId: string;
  readonly topic: string;
  readonly kind: DeadLetterKind;
  readonly records: number;
}

/**
 * Hooks a consumer calls once per batch, never per record, e.g. to count in metrics. They must not throw or block:
 * they run on the consumer's path.
 */
export interface ConsumerObserver {
  batchHandled?(batch: HandledBatch): void;
  deadLettered?(records: DeadLetteredRecords): void;
  /** The member joined its group again (a rebalance), with its new assignment. */
  rebalanced?(groupId: string): void;
}

/** Calls every observer added so far, and those added later: consumers are created before the metrics know of them. */
export class ConsumerObservers implements Required<ConsumerObserver> {
  private readonly observers: ConsumerObserver[] = [];

  add(observer: ConsumerObserver): void {
    this.observers.push(observer);
  }

  batchHandled(batch: HandledBatch): void {
    for (const observer of this.observers) observer.batchHandled?.(batch);
  }

  deadLettered(records: DeadLetteredRecords): void {
    for (const observer of this.observers) observer.deadLettered?.(records);
  }

  rebalanced(groupId: string): void {
    for (const observer of this.observers) observer.rebalanced?.(groupId);
  }
}
