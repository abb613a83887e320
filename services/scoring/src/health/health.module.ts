import { Module } from '@nestjs/common';
import { ChampionModule } from '../champion/champion.module';
import { HealthController } from './health.controller';

@Module({ imports: [ChampionModule], controllers: [HealthController] })
export class HealthModule {}
