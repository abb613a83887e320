import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import type { DataSource, QueryRunner } from 'typeorm';
import type { ExportFormat } from './membership-query';
import { membershipCopySql, membershipSql, segmentFlowsSql, type MembershipQuery } from './segment-members.sql';

export interface MemberRow {
  readonly customerId: string;
  readonly segmentId: string;
  readonly modelVersion: string;
  readonly pcaX: number | null;
  readonly pcaY: number | null;
  readonly assignedAt: string;
  readonly asOf: string;
}

export interface SegmentFlowRow {
  readonly segmentId: string;
  readonly membersAtFrom: number;
  readonly membersAtTo: number;
  readonly movedIn: number;
  readonly movedOut: number;
}

/** A running export: the COPY's bytes, and the connection to give back once they are read (or abandoned). */
export interface MembershipExport {
  readonly stream: Readable;
  /** With an error (the reader went away, the COPY failed): the connection is closed, not reused mid-COPY. */
  release(error?: Error): Promise<void>;
}

@Injectable()
export class SegmentMembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The membership as one `COPY … TO STDOUT` on a connection of its own, streamed: PostgreSQL writes as fast as the
   * reader reads (pg-copy-streams pauses the socket when the stream's buffer is full), so memory stays flat whatever
   * the size, and one statement is one snapshot.
   */
  async export(query: MembershipQuery, format: ExportFormat): Promise<MembershipExport> {
    const runner = this.dataSource.createQueryRunner('slave');
    const client = (await runner.connect()) as PoolClient;
    const stream = client.query(copyTo(membershipCopySql(query, format, (value) => client.escapeLiteral(value))));
    return { stream, release: (error) => releaseRunner(runner, error) };
  }

  async page(query: MembershipQuery, first: number, after: string | null): Promise<MemberRow[]> {
    return this.withClient(async (client) => {
      const sql = membershipSql(query, (value) => client.escapeLiteral(value), after, first);
      const { rows } = await client.query<Record<string, unknown>>(sql);
      return rows.map((row) => ({
        customerId: row.customer_id as string,
        segmentId: row.segment_id as string,
        modelVersion: row.model_version as string,
        pcaX: row.pca_x as number | null,
        pcaY: row.pca_y as number | null,
        assignedAt: row.assigned_at as string,
        asOf: row.as_of as string,
      }));
    });
  }

  flows(from: string, to: string): Promise<SegmentFlowRow[]> {
    return this.withClient(async (client) => (await client.query<SegmentFlowRow>(segmentFlowsSql(from, to, (value) => client.escapeLiteral(value)))).rows);
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return await work((await runner.connect()) as PoolClient);
    } finally {
      await runner.release();
    }
  }
}

async function releaseRunner(runner: QueryRunner, error?: Error): Promise<void> {
  // TypeORM's postgres runner hands the error to the pool, which then closes the connection instead of reusing it.
  const postgres = runner as QueryRunner & { releasePostgresConnection?: (error?: Error) => Promise<void> };
  if (error && postgres.releasePostgresConnection) await postgres.releasePostgresConnection(error);
  else await runner.release();
}
