import {
  BadRequestException,
  Controller,
  Headers,
  HttpCode,
  Inject,
  InternalServerErrorException,
  Logger,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { CsvHeaderError } from '@seg/ml';
import type { IncomingMessage } from 'node:http';
import { INGESTION_CONFIG, type IngestionConfig } from '../config/ingestion.config';
import { IngestCustomersCommand } from '../ingest-customers/ingest-customers.command';
import { IngestCustomersUseCase, IngestFailedError, type IngestSummary } from '../ingest-customers/ingest-customers.usecase';
import { occurredAtProblem } from '../ingest-customers/occurred-at';
import { csvChunks } from './csv-chunks';
import { limitBytes, UploadTooLargeError } from './upload-limit';

const CSV_MEDIA_TYPE = 'text/csv';

@Controller('v1/customers')
export class CsvUploadController {
  private readonly logger = new Logger(CsvUploadController.name);

  constructor(
    private readonly ingest: IngestCustomersUseCase,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {}

  /**
   * Streams the body (never buffered: the app parses JSON bodies only, so a text/csv request reaches here
   * unread) through the parser; rows are committed chunk by chunk while the upload goes on. `occurredAt` dates
   * the file's rows (e.g. the time of the export); without it they take the time the upload started.
   */
  @Post('csv')
  @HttpCode(200)
  async upload(
    @Req() request: IncomingMessage,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @Query('fileName') fileName: string | undefined,
    @Query('occurredAt') occurredAt: string | undefined,
  ): Promise<IngestSummary> {
    const maxBytes = this.config.settings.INGESTION_MAX_UPLOAD_BYTES;
    if (contentType?.split(';')[0].trim().toLowerCase() !== CSV_MEDIA_TYPE) {
      throw new UnsupportedMediaTypeException(`POST /v1/customers/csv takes Content-Type: ${CSV_MEDIA_TYPE}, got ${contentType ?? 'none'}`);
    }
    if (contentLength !== undefined && Number(contentLength) > maxBytes) throw new PayloadTooLargeException(new UploadTooLargeError(maxBytes).message);
    const occurredAtRefused =
      occurredAt === undefined ? null : typeof occurredAt !== 'string' ? 'occurredAt: give one instant' : occurredAtProblem(occurredAt, this.config.settings.INGESTION_MAX_FUTURE_MS, Date.now());
    if (occurredAtRefused !== null) {
      request.resume();
      throw new BadRequestException(occurredAtRefused);
    }

    const command = new IngestCustomersCommand(
      'csv',
      fileName ?? null,
      csvChunks(limitBytes(request, maxBytes), this.config.settings.INGESTION_CSV_BATCH_SIZE, this.config.settings.INGESTION_REJECTED_RAW_MAX_CHARS),
      occurredAt ?? null,
    );
    try {
      return await this.ingest.execute(command);
    } catch (error) {
      throw this.toHttpError(error, request);
    }
  }

  /**
   * Every failure of a started batch answers JSON with the batch id and the counts of the chunks committed before
   * it (they stay), so a client never loses track of what was stored.
   */
  private toHttpError(error: unknown, request: IncomingMessage): unknown {
    if (!(error instanceof IngestFailedError)) return error;
    const { batchId, cause, committed } = error;
    if (cause instanceof UploadTooLargeError) return new PayloadTooLargeException({ message: cause.message, batchId, status: 'failed', committed });
    // Read and discard the rest of the body, so the client gets the answer instead of a reset connection.
    request.resume();
    if (cause instanceof CsvHeaderError) return new BadRequestException({ message: cause.message, batchId, status: 'failed', committed });
    this.logger.error(error.message, cause instanceof Error ? cause.stack : undefined);
    return new InternalServerErrorException({ message: error.message, batchId, status: 'failed', committed });
  }
}
