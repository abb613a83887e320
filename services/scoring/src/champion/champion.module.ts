import { Module } from '@nestjs/common';
import { ChampionHolder } from './champion.holder';

@Module({ providers: [ChampionHolder], exports: [ChampionHolder] })
export class ChampionModule {}
