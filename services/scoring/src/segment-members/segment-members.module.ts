import { Module } from '@nestjs/common';
import { SegmentMembersController } from './segment-members.controller';
import { SegmentMembersRepository } from './segment-members.repository';
import { SegmentMembersResolver } from './segment-members.resolver';

@Module({
  controllers: [SegmentMembersController],
  providers: [SegmentMembersRepository, SegmentMembersResolver],
})
export class SegmentMembersModule {}
