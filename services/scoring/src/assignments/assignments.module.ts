import { Module } from '@nestjs/common';
import { AssignmentsRepository } from './assignments.repository';
import { SegmentEventsPublisher } from './segment-events.publisher';

@Module({ providers: [AssignmentsRepository, SegmentEventsPublisher], exports: [AssignmentsRepository, SegmentEventsPublisher] })
export class AssignmentsModule {}
