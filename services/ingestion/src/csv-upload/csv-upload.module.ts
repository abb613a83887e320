import { Module } from '@nestjs/common';
import { IngestCustomersModule } from '../ingest-customers/ingest-customers.module';
import { CsvUploadController } from './csv-upload.controller';

@Module({
  imports: [IngestCustomersModule],
  controllers: [CsvUploadController],
})
export class CsvUploadModule {}
