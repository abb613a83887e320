export type RescoreJobStatus = 'running' | 'succeeded' | 'failed' | 'superseded';

export interface RescoreJobRecord {
  readonly id: string;
  readonly modelVersion: string;
  readonly status: RescoreJobStatus;
  readonly total: number;
  readonly done: number;
  /** The last customer id re-scored: a resumed job continues after it. */
  readonly cursor: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly error: string | null;
}
