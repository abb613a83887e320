export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export type TerminalRunStatus = 'FINISHED' | 'FAILED' | 'KILLED';
export type LifecycleStage = 'active' | 'deleted';

export interface MlflowExperiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  tags: Record<string, string>;
}

export interface MlflowRunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  status: RunStatus;
  startTime?: number;
  endTime?: number;
  /** Where the run's artifacts live, `mlflow-artifacts:/<experiment>/<run>/artifacts` on our server. */
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

export interface MlflowMetric {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

export interface MlflowRun {
  info: MlflowRunInfo;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** The latest value of each metric (by step, then timestamp); use getMetricHistory for all of them. */
  metrics: Record<string, MlflowMetric>;
}

export interface CreateRunInput {
  experimentId: string;
  runName?: string;
  tags?: Record<string, string>;
  /** Milliseconds since the epoch; defaults to now. */
  startTime?: number;
}

export interface SearchRunsInput {
  experimentIds: string[];
  /** MLflow search syntax, e.g. `params.k = '4' and metrics.silhouette > 0.3`. */
  filter?: string;
  orderBy?: string[];
  /** Upper bound over all pages; defaults to 1000. */
  maxResults?: number;
}

export interface MlflowArtifact {
  /** Relative to the run's artifact root, e.g. `bundle/model.json`. */
  path: string;
  isDir: boolean;
  fileSize?: number;
}

export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

export interface MlflowRegisteredModel {
  name: string;
  description?: string;
  tags: Record<string, string>;
  /** alias → version */
  aliases: Record<string, string>;
}

export interface MlflowModelVersion {
  name: string;
  /** MLflow numbers versions 1, 2, … per model and sends them as strings. */
  version: string;
  source: string;
  runId?: string;
  status: ModelVersionStatus;
  statusMessage?: string;
  description?: string;
  tags: Record<string, string>;
  aliases: string[];
  creationTimestamp?: number;
}

export interface CreateModelVersionInput {
  name: string;
  /** Where the model files are, e.g. the artifact URI of a file or folder of the run (see runArtifactUri). */
  source: string;
  /** Required by the server when source is an mlflow-artifacts:/ URI, which must lie below that run's root. */
  runId?: string;
  tags?: Record<string, string>;
  description?: string;
  /** Overrides the configured wait for status READY. */
  readyTimeoutMs?: number;
}
