/**
 * The segment export's HTTP contract: the same path on scoring (behind the subgraph secret) and on the gateway (behind
 * the caller's token), `GET <path>?segment=<id>&format=csv|ndjson&asOf=<instant>`; no `segment` exports every segment.
 */
export const SEGMENT_EXPORT_PATH = '/v1/segment-members';

export const SEGMENT_EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type SegmentExportFormat = (typeof SEGMENT_EXPORT_FORMATS)[number];

/** The query parameters a client may pass; nothing else is passed on. */
export const SEGMENT_EXPORT_PARAMS = ['segment', 'format', 'asOf'] as const;
