import type { ModelBundle, SegmentId } from '@seg/ml';

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
