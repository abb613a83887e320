import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UpdateOfferUseCase } from '../update-offer/update-offer.usecase';
import { OfferAuditEntity } from './offer-audit.entity';
import { OfferEntity } from './offer.entity';
import { OffersRepository } from './offers.repository';
import { OffersResolver } from './offers.resolver';
import { OffersService } from './offers.service';
import { SegmentResolver } from './segment.resolver';

@Module({
  imports: [TypeOrmModule.forFeature([OfferEntity, OfferAuditEntity])],
  providers: [OffersRepository, OffersService, UpdateOfferUseCase, OffersResolver, SegmentResolver],
  exports: [OffersService],
})
export class OffersModule {}
