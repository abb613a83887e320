import { CREATE_ERASED_CUSTOMERS_TABLE } from '@seg/db';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customers erased on request, by keyed hash (docs/decisions/0013-erasure-and-export.md): the feature copy's writes
 * leave them out, so a replay of `customers.features.v1` does not bring them back into the next training run.
 */
export class CustomerErasure1766000000000 implements MigrationInterface {
  name = 'CustomerErasure1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(CREATE_ERASED_CUSTOMERS_TABLE);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE erased_customers`);
  }
}
