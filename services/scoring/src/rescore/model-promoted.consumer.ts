import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { parseModelPromotedEvent, Topics, type ModelPromotedEvent } from '@seg/contracts';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { ChampionRefusedError, ChampionStore } from '../champion/champion.store';
import { SCORING_CONFIG, topicName, type ScoringConfig } from '../config/scoring.config';
import { RescoreRunner } from './rescore.runner';

/**
 * `models.promoted.v1`, in a group of this instance's own (every replica must switch models): loads the
 * promoted version and starts the re-score in the background, so the offset is committed at once and the
 * group's session never waits on a long job (a crash mid-job resumes it at boot). The topic has one
 * partition, so promotions arrive in the order they were made and the last one is the champion, also when
 * it is an older version promoted again (a rollback). A version whose bundle is missing or invalid is refused
 * (ChampionRefusedError) and the current champion kept, without a re-score. The already-loaded version changes nothing but asks
 * for a re-score, which finds nothing to do when every customer is on the champion.
 */
@Injectable()
export class ModelPromotedConsumer implements OnModuleInit {
  private readonly logger = new Logger(ModelPromotedConsumer.name);

  constructor(
    private readonly registry: KafkaConsumerRegistry,
    private readonly champions: ChampionStore,
    private readonly runner: RescoreRunner,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register<ModelPromotedEvent>({
      groupId: this.config.settings.SCORING_PROMOTIONS_GROUP,
      topics: topicName(this.config, Topics.modelsPromoted),
      fromBeginning: true,
      validate: parseModelPromotedEvent,
      handler: async (records) => {
        const promotions = records.map((record) => record.value).filter((event) => event.modelName === this.champions.modelName);
        const latest = promotions.at(-1);
        if (latest === undefined) return;
        const current = this.champions.current();
        if (current === null || latest.version !== current.version) {
          if (current !== null) this.logger.log(`Champion changes from version ${current.version} to ${latest.version}`);
          try {
            await this.champions.loadVersion(latest.version, latest.bundleUri);
          } catch (error) {
            // A missing or invalid bundle: the current champion stays (the store logged why, modelHealth reports it).
            if (error instanceof ChampionRefusedError) return;
            throw error;
          }
        }
        void this.runner.request();
      },
    });
  }
}
