import { Module } from '@nestjs/common';
import { ChampionModule } from '../champion/champion.module';
import { RescoreModule } from '../rescore/rescore.module';
import { ScoringMetrics } from './scoring.metrics';

@Module({ imports: [ChampionModule, RescoreModule], providers: [ScoringMetrics], exports: [ScoringMetrics] })
export class ScoringMetricsModule {}
