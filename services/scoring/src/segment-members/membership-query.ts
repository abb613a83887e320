import { SEGMENT_EXPORT_FORMATS, type SegmentExportFormat } from '@seg/contracts';
import { isIsoInstant } from '@seg/ml';
import type { MembershipQuery } from './segment-members.sql';

export type ExportFormat = SegmentExportFormat;

/** Segment ids are semantic (`transactors`, …) or `cluster-<n>`: lower-case words and dashes. */
const SEGMENT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A time a little ahead of this clock is still "now" (another host's clock); further ahead is a mistake. */
const MAX_FUTURE_MS = 60_000;

/** A membership question the caller got wrong; the message says what to fix. */
export class InvalidMembershipQueryError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidMembershipQueryError';
  }
}

/** A time as the membership queries take it: an ISO-8601 instant with a zone, not in the future. */
export function membershipTime(value: string, field: string, now = Date.now()): string {
  if (!isIsoInstant(value)) throw new InvalidMembershipQueryError(`${field} must be an ISO-8601 instant with a zone, e.g. 2026-12-01T00:00:00Z; got ${JSON.stringify(value.slice(0, 60))}`, field);
  if (Date.parse(value) > now + MAX_FUTURE_MS) throw new InvalidMembershipQueryError(`${field} ${value} is in the future: membership is known up to now`, field);
  return value;
}

/** The members of `segmentId` (null: of every segment) as of `asOf` (null: now), checked. */
export function membershipQuery(segmentId: string | null, asOf: string | null, now = Date.now()): MembershipQuery {
  if (segmentId !== null && !SEGMENT_ID.test(segmentId)) throw new InvalidMembershipQueryError(`Not a segment id: ${JSON.stringify(segmentId.slice(0, 60))}`, 'segmentId');
  return { segmentId, asOf: asOf === null ? null : membershipTime(asOf, 'asOf', now) };
}

export function exportFormat(value: string | undefined): ExportFormat {
  const format = value ?? 'csv';
  if (!(SEGMENT_EXPORT_FORMATS as readonly string[]).includes(format)) throw new InvalidMembershipQueryError(`format must be ${SEGMENT_EXPORT_FORMATS.join(' or ')}, got ${JSON.stringify(format.slice(0, 20))}`, 'format');
  return format as ExportFormat;
}
