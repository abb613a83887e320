import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { SEGMENT_EXPORT_PATH } from '@seg/contracts';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { exportFormat, InvalidMembershipQueryError, membershipQuery, type ExportFormat } from './membership-query';
import { SegmentMembersRepository } from './segment-members.repository';

/** The route the gateway's export streams from; only the gateway (with the subgraph secret) may call it. */
export const SEGMENT_MEMBERS_ROUTE = SEGMENT_EXPORT_PATH.slice(1);

const CONTENT_TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

/** `segment-transactors-2026-12-01T00-00-00Z.csv`: a name every file system takes. */
export function exportFileName(segmentId: string | null, asOf: string | null, format: ExportFormat): string {
  const when = (asOf ?? 'now').replace(/[:.]/g, '-');
  return `segment-${segmentId ?? 'all'}-${when}.${format}`;
}

/**
 * `GET /v1/segment-members?segment=<id>&format=csv|ndjson&asOf=<instant>`: the members of one segment (every segment
 * without `segment`) as one streamed file, each with its segment, model version, PCA position and the as-of time. 400
 * with JSON for a bad question; a failure once the file has started cuts the response short (the client sees an
 * incomplete transfer, never a file that looks whole).
 */
@Controller(SEGMENT_MEMBERS_ROUTE)
export class SegmentMembersController {
  private readonly logger = new Logger(SegmentMembersController.name);

  constructor(private readonly members: SegmentMembersRepository) {}

  @Get()
  async export(@Query('segment') segment: string | undefined, @Query('format') format: string | undefined, @Query('asOf') asOf: string | undefined, @Res() response: Response): Promise<void> {
    let query;
    let chosen: ExportFormat;
    try {
      query = membershipQuery(segment || null, asOf || null);
      chosen = exportFormat(format || undefined);
    } catch (error) {
      if (!(error instanceof InvalidMembershipQueryError)) throw error;
      response.status(400).json({ message: error.message, field: error.field });
      return;
    }
    const started = Date.now();
    const running = await this.members.export(query, chosen);
    response.status(200);
    response.setHeader('content-type', CONTENT_TYPES[chosen]);
    response.setHeader('content-disposition', `attachment; filename="${exportFileName(query.segmentId, query.asOf, chosen)}"`);
    response.setHeader('cache-control', 'no-store');
    try {
      await pipeline(running.stream, response);
      await running.release();
      this.logger.log(`Exported segment ${query.segmentId ?? 'all'} as of ${query.asOf ?? 'now'} (${chosen}) in ${Date.now() - started} ms`);
    } catch (error) {
      const cause = error instanceof Error ? error : new Error(String(error));
      await running.release(cause);
      // A reader that went away is not a fault of ours.
      if (!response.destroyed || !/premature close|aborted/i.test(cause.message)) this.logger.warn(`Export of segment ${query.segmentId ?? 'all'} ended early: ${cause.message}`);
    }
  }
}
