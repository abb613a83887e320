import { Module } from '@nestjs/common';
import { ChampionStore } from './champion.store';

@Module({ providers: [ChampionStore], exports: [ChampionStore] })
export class ChampionModule {}
