import { Module } from '@nestjs/common';
import { IngestCustomersModule } from '../ingest-customers/ingest-customers.module';
import { RawEventsConsumer } from './raw-events.consumer';

@Module({
  imports: [IngestCustomersModule],
  providers: [RawEventsConsumer],
})
export class RawEventsModule {}
