import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { deserializeBundle, ModelBundleError, type ModelBundle } from '@seg/ml';
import { isMlflowError, MlflowClient } from '@seg/mlflow';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { ChampionCache } from './champion-cache';
import { ChampionLeases } from './champion-leases';

export const CHAMPION_ALIAS = 'champion';

export interface Champion {
  readonly version: string;
  readonly bundle: ModelBundle;
  readonly loadedAt: Date;
  /** Where the bundle came from: MLflow, or the disk cache while MLflow was unreachable. */
  readonly source: 'mlflow' | 'cache';
}

/** A promoted version that was not loaded: its bundle is missing or invalid. The champion before it stays. */
export interface ChampionRejection {
  readonly version: string;
  readonly reason: string;
  readonly at: Date;
}

/** A version whose bundle cannot be used: missing at MLflow, or not a valid bundle. Promoting it changes nothing. */
export class ChampionRefusedError extends Error {
  override readonly name = 'ChampionRefusedError';
  constructor(
    readonly version: string,
    readonly reason: string,
  ) {
    super(`Version ${version} is not loaded: ${reason}`);
  }
}

/**
 * The model every write scores with. Loaded at boot from MLflow (alias `champion`), or from the disk
 * cache when MLflow cannot be reached; replaced on promotion. Writers score a batch through `use`, so it is
 * scored by one model from start to end and a promotion knows when no write of the old model is left.
 */
@Injectable()
export class ChampionStore implements OnModuleInit {
  private readonly logger = new Logger(ChampionStore.name);
  private readonly cache: ChampionCache;
  private champion: Champion | null = null;
  private rejection: ChampionRejection | null = null;
  private readonly leases = new ChampionLeases<Champion | null>();

  constructor(
    private readonly mlflow: MlflowClient,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {
    this.cache = new ChampionCache(config.settings.SCORING_MODEL_CACHE_DIR, config.settings.SCORING_MODEL_NAME);
  }

  get modelName(): string {
    return this.config.settings.SCORING_MODEL_NAME;
  }

  current(): Champion | null {
    return this.champion;
  }

  /** The last promoted version that was refused, unless a version was loaded after it. */
  rejected(): ChampionRejection | null {
    return this.rejection;
  }

  /** Runs `write` with the current champion (null: none yet) and counts it in use until `write` settles. */
  use<R>(write: (champion: Champion | null) => Promise<R>): Promise<R> {
    const champion = this.champion;
    return this.leases.hold(champion, () => write(champion));
  }

  /** Before the consumers start: they must find the champion in place. */
  async onModuleInit(): Promise<void> {
    await this.loadAtBoot();
  }

  async loadAtBoot(): Promise<void> {
    try {
      const aliased = await this.mlflow.getVersionByAlias(this.modelName, CHAMPION_ALIAS);
      if (aliased === null) {
        this.logger.log(`No champion for model ${this.modelName} yet: features are stored and scored once one is promoted`);
        return;
      }
      await this.loadVersion(aliased.version, aliased.source);
    } catch (error) {
      const cached = await this.cache.read();
      const reason = error instanceof Error ? error.message : String(error);
      const problem = error instanceof ChampionRefusedError ? `the aliased version is refused (${reason})` : `MLflow unavailable (${reason})`;
      if (cached === null) {
        this.logger.warn(`${problem} and no cached champion at ${this.cache.describe()}: scoring waits for a promotion`);
        return;
      }
      this.champion = { ...cached, loadedAt: new Date(), source: 'cache' };
      this.logger.warn(`${problem}: scoring with the cached champion, version ${cached.version} (${this.cache.describe()})`);
    }
  }

  /**
   * Downloads, validates and caches a version's bundle, then makes it the champion. Resolves once every write
   * that took an earlier champion through `use` has settled: a re-score started after that reads their features
   * and finds their assignments, instead of racing a batch scored with the old model that commits behind it.
   */
  async loadVersion(version: string, bundleUri: string): Promise<Champion> {
    const bundle = await this.downloadBundle(version, bundleUri);
    await this.cache.write({ version, bundle });
    const champion: Champion = { version, bundle, loadedAt: new Date(), source: 'mlflow' };
    this.champion = champion;
    this.rejection = null;
    this.logger.log(`Champion of ${this.modelName}: version ${version}`);
    await this.leases.drained(champion);
    return champion;
  }

  /**
   * The version's bundle, validated before anything switches. A bundle that is missing (or at an address MLflow
   * refuses) or not a valid bundle is refused for good: ChampionRefusedError, recorded for `modelHealth`. Network
   * trouble is not the bundle's fault and is thrown as it is, so the promotion is tried again.
   */
  private async downloadBundle(version: string, bundleUri: string): Promise<ModelBundle> {
    try {
      return deserializeBundle((await this.mlflow.downloadArtifactUri(bundleUri)).toString('utf8'));
    } catch (error) {
      const refused =
        error instanceof ModelBundleError ||
        isMlflowError(error, 'RESOURCE_DOES_NOT_EXIST') ||
        isMlflowError(error, 'INVALID_PARAMETER_VALUE') ||
        isMlflowError(error, 'UNSUPPORTED_ARTIFACT_URI') ||
        (isMlflowError(error, 'HTTP_ERROR') && error.httpStatus === 404);
      if (!refused) throw error;
      const reason = `bundle ${bundleUri}: ${(error as Error).message}`;
      this.rejection = { version, reason, at: new Date() };
      const kept = this.champion === null ? 'no champion is loaded' : `version ${this.champion.version} stays the champion`;
      this.logger.error(`Refused version ${version} of ${this.modelName} as champion (${reason}); ${kept}`);
      throw new ChampionRefusedError(version, reason);
    }
  }
}
