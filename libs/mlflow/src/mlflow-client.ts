import {
  artifactPathSegments,
  artifactProxyBasePath,
  artifactProxyUrlPath,
  joinArtifactPath,
  proxyPathOfArtifactUri,
} from './artifact-uri';
import { splitLogBatch, type LogBatchInput } from './log-batch';
import { mlflowConfigFromEnv, type MlflowConfig } from './mlflow-config';
import { isMissingAliasError, isMlflowError, MlflowError } from './mlflow-error';
import { defaultSleep, MlflowHttp, type MlflowHttpOptions, type SleepFn } from './mlflow-http';
import type {
  CreateModelVersionInput,
  CreateRunInput,
  MlflowArtifact,
  MlflowExperiment,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  SearchRunsInput,
  TerminalRunStatus,
} from './mlflow-types';
import {
  fromWireExperiment,
  fromWireMetric,
  fromWireModelVersion,
  fromWireRegisteredModel,
  fromWireRun,
  toWireTags,
  type WireExperiment,
  type WireMetricValue,
  type WireModelVersion,
  type WireRegisteredModel,
  type WireRun,
} from './mlflow-wire';

const api = '/api/2.0/mlflow';
const searchPageSize = 1000;
const modelVersionPollMs = 250;

/**
 * Typed client for the MLflow 3 REST API: tracking, the artifact proxy (`--serve-artifacts`) and the
 * model registry. Every failure is an MlflowError naming the call.
 */
export class MlflowClient {
  private readonly http: MlflowHttp;
  private readonly sleep: SleepFn;

  constructor(
    private readonly config: MlflowConfig = mlflowConfigFromEnv(),
    options: MlflowHttpOptions = {},
  ) {
    this.http = new MlflowHttp(config, options);
    this.sleep = options.sleep ?? defaultSleep;
  }

  // ---- experiments ----

  async getExperimentByName(name: string): Promise<MlflowExperiment | null> {
    try {
      const { experiment } = await this.http.json<{ experiment: WireExperiment }>({
        operation: 'getExperimentByName',
        method: 'GET',
        path: `${api}/experiments/get-by-name`,
        query: { experiment_name: name },
      });
      return fromWireExperiment(experiment);
    } catch (error) {
      if (isMlflowError(error, 'RESOURCE_DOES_NOT_EXIST')) return null;
      throw error;
    }
  }

  /** Safe when several processes start at once: the loser of the create race reads the winner's. */
  async getOrCreateExperiment(name: string): Promise<MlflowExperiment> {
    const existing = await this.getExperimentByName(name);
    if (existing !== null) return activeExperiment(existing);
    try {
      const { experiment_id } = await this.http.json<{ experiment_id: string }>({
        operation: 'getOrCreateExperiment',
        method: 'POST',
        path: `${api}/experiments/create`,
        json: { name },
      });
      const { experiment } = await this.http.json<{ experiment: WireExperiment }>({
        operation: 'getOrCreateExperiment',
        method: 'GET',
        path: `${api}/experiments/get`,
        query: { experiment_id },
      });
      return fromWireExperiment(experiment);
    } catch (error) {
      if (!isMlflowError(error, 'RESOURCE_ALREADY_EXISTS')) throw error;
      const winner = await this.getExperimentByName(name);
      if (winner === null) throw error;
      return activeExperiment(winner);
    }
  }

  // ---- runs ----

  async createRun(input: CreateRunInput): Promise<MlflowRun> {
    const { run } = await this.http.json<{ run: WireRun }>({
      operation: 'createRun',
      method: 'POST',
      path: `${api}/runs/create`,
      json: {
        experiment_id: input.experimentId,
        run_name: input.runName,
        start_time: input.startTime ?? Date.now(),
        tags: toWireTags(input.tags),
      },
    });
    return fromWireRun(run);
  }

  /** Logs params, tags and metrics in as many requests as the server's limits require, in order. */
  async logBatch(runId: string, input: LogBatchInput): Promise<void> {
    for (const chunk of splitLogBatch(input, Date.now())) {
      await this.http.json({
        operation: 'logBatch',
        method: 'POST',
        path: `${api}/runs/log-batch`,
        json: { run_id: runId, ...chunk },
      });
    }
  }

  async setTerminated(runId: string, status: TerminalRunStatus, endTime: number = Date.now()): Promise<void> {
    await this.http.json({
      operation: 'setTerminated',
      method: 'POST',
      path: `${api}/runs/update`,
      json: { run_id: runId, status, end_time: endTime },
    });
  }

  async getRun(runId: string): Promise<MlflowRun> {
    const { run } = await this.http.json<{ run: WireRun }>({
      operation: 'getRun',
      method: 'GET',
      path: `${api}/runs/get`,
      query: { run_id: runId },
    });
    return fromWireRun(run);
  }

  /** Every logged value of one metric, e.g. a loss per step. */
  async getMetricHistory(runId: string, key: string): Promise<MlflowMetric[]> {
    const { metrics = [] } = await this.http.json<{ metrics?: WireMetricValue[] }>({
      operation: 'getMetricHistory',
      method: 'GET',
      path: `${api}/metrics/get-history`,
      query: { run_id: runId, metric_key: key },
    });
    return metrics.map(fromWireMetric);
  }

  async searchRuns(input: SearchRunsInput): Promise<MlflowRun[]> {
    const maxResults = input.maxResults ?? 1000;
    const runs: MlflowRun[] = [];
    let pageToken: string | undefined;
    do {
      const page: { runs?: WireRun[]; next_page_token?: string } = await this.http.json({
        operation: 'searchRuns',
        method: 'POST',
        path: `${api}/runs/search`,
        json: {
          experiment_ids: input.experimentIds,
          filter: input.filter,
          order_by: input.orderBy,
          max_results: Math.min(searchPageSize, maxResults - runs.length),
          page_token: pageToken,
        },
      });
      runs.push(...(page.runs ?? []).map(fromWireRun));
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined && runs.length < maxResults);
    return runs;
  }

  // ---- artifacts (through the server's proxy) ----

  /** The artifact URI of a file below the run's root, e.g. to register it as a model version's source. */
  async runArtifactUri(runId: string, path: string): Promise<string> {
    const root = (await this.getRun(runId)).info.artifactUri;
    proxyPathOfArtifactUri(root, 'runArtifactUri');
    return [root.replace(/\/+$/, ''), ...artifactPathSegments(path, 'runArtifactUri')].join('/');
  }

  async uploadArtifact(runId: string, path: string, body: Buffer | string, contentType = 'application/octet-stream'): Promise<void> {
    const target = await this.runArtifactPath(runId, path, 'uploadArtifact');
    await this.http.json({ operation: 'uploadArtifact', method: 'PUT', path: artifactProxyUrlPath(target), body, contentType });
  }

  async downloadArtifact(runId: string, path: string): Promise<Buffer> {
    const target = await this.runArtifactPath(runId, path, 'downloadArtifact');
    return this.http.buffer({ operation: 'downloadArtifact', method: 'GET', path: artifactProxyUrlPath(target) });
  }

  /** Downloads a file by its `mlflow-artifacts:` URI, e.g. a model version's source. */
  async downloadArtifactUri(artifactUri: string): Promise<Buffer> {
    const target = proxyPathOfArtifactUri(artifactUri, 'downloadArtifactUri');
    return this.http.buffer({ operation: 'downloadArtifactUri', method: 'GET', path: artifactProxyUrlPath(target) });
  }

  /** The direct children of `path` (the run's root by default), with paths relative to the run's root. */
  async listArtifacts(runId: string, path?: string): Promise<MlflowArtifact[]> {
    const folder = await this.runArtifactPath(runId, path, 'listArtifacts');
    const { files = [] } = await this.http.json<{ files?: Array<{ path: string; is_dir?: boolean; file_size?: number | string }> }>({
      operation: 'listArtifacts',
      method: 'GET',
      path: artifactProxyBasePath,
      query: { path: folder },
    });
    const parent = artifactPathSegments(path, 'listArtifacts');
    // The proxy answers with base names; make them relative to the run's root like the rest of the API.
    return files.map((file) => ({
      path: [...parent, file.path.split('/').pop()].join('/'),
      isDir: file.is_dir ?? false,
      fileSize: file.file_size === undefined ? undefined : Number(file.file_size),
    }));
  }

  private async runArtifactPath(runId: string, path: string | undefined, operation: string): Promise<string> {
    const root = (await this.getRun(runId)).info.artifactUri;
    return joinArtifactPath(proxyPathOfArtifactUri(root, operation), path, operation);
  }

  // ---- model registry ----

  /** Idempotent: an existing model of that name is returned as it is. */
  async createRegisteredModel(
    name: string,
    options: { description?: string; tags?: Record<string, string> } = {},
  ): Promise<MlflowRegisteredModel> {
    try {
      const { registered_model } = await this.http.json<{ registered_model: WireRegisteredModel }>({
        operation: 'createRegisteredModel',
        method: 'POST',
        path: `${api}/registered-models/create`,
        json: { name, description: options.description, tags: toWireTags(options.tags) },
      });
      return fromWireRegisteredModel(registered_model);
    } catch (error) {
      if (!isMlflowError(error, 'RESOURCE_ALREADY_EXISTS')) throw error;
      return this.getRegisteredModel(name);
    }
  }

  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    const { registered_model } = await this.http.json<{ registered_model: WireRegisteredModel }>({
      operation: 'getRegisteredModel',
      method: 'GET',
      path: `${api}/registered-models/get`,
      query: { name },
    });
    return fromWireRegisteredModel(registered_model);
  }

  /** Deletes the model with all its versions; a model that does not exist is not an error (cleanup runs unconditionally). */
  async deleteRegisteredModel(name: string): Promise<void> {
    try {
      await this.http.json({ operation: 'deleteRegisteredModel', method: 'DELETE', path: `${api}/registered-models/delete`, json: { name } });
    } catch (error) {
      if (!isMlflowError(error, 'RESOURCE_DOES_NOT_EXIST')) throw error;
    }
  }

  /** Creates the version and waits until the registry reports it READY. */
  async createModelVersion(input: CreateModelVersionInput): Promise<MlflowModelVersion> {
    const { model_version } = await this.http.json<{ model_version: WireModelVersion }>({
      operation: 'createModelVersion',
      method: 'POST',
      path: `${api}/model-versions/create`,
      json: {
        name: input.name,
        source: input.source,
        run_id: input.runId,
        tags: toWireTags(input.tags),
        description: input.description,
      },
    });
    return this.waitUntilReady(fromWireModelVersion(model_version), input.readyTimeoutMs ?? this.config.modelVersionReadyTimeoutMs);
  }

  async getModelVersion(name: string, version: string): Promise<MlflowModelVersion> {
    const { model_version } = await this.http.json<{ model_version: WireModelVersion }>({
      operation: 'getModelVersion',
      method: 'GET',
      path: `${api}/model-versions/get`,
      query: { name, version },
    });
    return fromWireModelVersion(model_version);
  }

  /** Points the alias at the version, moving it if another version had it. */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.http.json({
      operation: 'setAlias',
      method: 'POST',
      path: `${api}/registered-models/alias`,
      json: { name, alias, version },
    });
  }

  /** null when the alias is not set (or the model does not exist): "no champion yet" is not an error. */
  async getVersionByAlias(name: string, alias: string): Promise<MlflowModelVersion | null> {
    try {
      const { model_version } = await this.http.json<{ model_version: WireModelVersion }>({
        operation: 'getVersionByAlias',
        method: 'GET',
        path: `${api}/registered-models/alias`,
        query: { name, alias },
      });
      return fromWireModelVersion(model_version);
    } catch (error) {
      if (isMissingAliasError(error)) return null;
      throw error;
    }
  }

  /** E.g. `name = 'segmentation'` or `run_id = '…'`; all pages up to maxResults. */
  async searchModelVersions(filter: string, options: { orderBy?: string[]; maxResults?: number } = {}): Promise<MlflowModelVersion[]> {
    const maxResults = options.maxResults ?? 1000;
    const versions: MlflowModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const page: { model_versions?: WireModelVersion[]; next_page_token?: string } = await this.http.json({
        operation: 'searchModelVersions',
        method: 'GET',
        path: `${api}/model-versions/search`,
        query: {
          filter,
          order_by: options.orderBy,
          max_results: Math.min(searchPageSize, maxResults - versions.length),
          page_token: pageToken,
        },
      });
      versions.push(...(page.model_versions ?? []).map(fromWireModelVersion));
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined && versions.length < maxResults);
    return versions;
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.http.json({
      operation: 'setModelVersionTag',
      method: 'POST',
      path: `${api}/model-versions/set-tag`,
      json: { name, version, key, value },
    });
  }

  private async waitUntilReady(created: MlflowModelVersion, timeoutMs: number): Promise<MlflowModelVersion> {
    const deadline = Date.now() + timeoutMs;
    let version = created;
    while (version.status === 'PENDING_REGISTRATION') {
      if (Date.now() >= deadline) {
        throw new MlflowError(
          `MLflow createModelVersion failed: ${version.name} version ${version.version} still PENDING_REGISTRATION after ${timeoutMs} ms`,
          { operation: 'createModelVersion', code: 'TIMEOUT' },
        );
      }
      await this.sleep(modelVersionPollMs);
      version = await this.getModelVersion(version.name, version.version);
    }
    if (version.status === 'FAILED_REGISTRATION') {
      throw new MlflowError(
        `MLflow createModelVersion failed: ${version.name} version ${version.version} is FAILED_REGISTRATION (${version.statusMessage ?? 'no status message'})`,
        { operation: 'createModelVersion', code: 'INVALID_STATE' },
      );
    }
    return version;
  }
}

function activeExperiment(experiment: MlflowExperiment): MlflowExperiment {
  if (experiment.lifecycleStage === 'deleted') {
    // MLflow keeps the name of a deleted experiment reserved: runs cannot be created in it, nor can a new one take its name.
    throw new MlflowError(
      `MLflow getOrCreateExperiment failed: experiment '${experiment.name}' (id ${experiment.experimentId}) is deleted; restore it or pick another name`,
      { operation: 'getOrCreateExperiment', code: 'INVALID_STATE' },
    );
  }
  return experiment;
}
