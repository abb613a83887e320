import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IngestBatchEntity } from './ingest-batch.entity';
import { IngestBatchesRepository } from './ingest-batches.repository';
import { IngestBatchesResolver } from './ingest-batches.resolver';
import { IngestBatchesService } from './ingest-batches.service';
import { RejectedRowEntity } from './rejected-row.entity';

@Module({
  imports: [TypeOrmModule.forFeature([IngestBatchEntity, RejectedRowEntity])],
  providers: [IngestBatchesRepository, IngestBatchesService, IngestBatchesResolver],
  exports: [IngestBatchesRepository, IngestBatchesService],
})
export class IngestBatchesModule {}
