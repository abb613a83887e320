import { Module } from '@nestjs/common';
import { CustomerFeaturesRepository } from './customer-features.repository';

@Module({ providers: [CustomerFeaturesRepository], exports: [CustomerFeaturesRepository] })
export class CustomerFeaturesModule {}
