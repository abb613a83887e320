import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The champion alias as last published on `models.promoted.v1`: what a promotion made in MLflow is compared with.
 * Read and written in the transaction that holds the champion lock (`championLockKey`).
 */
@Injectable()
export class ChampionAliasRepository {
  async published(manager: EntityManager, modelName: string): Promise<string | null> {
    const [row] = await manager.query(`SELECT version FROM champion_alias WHERE model_name = $1`, [modelName]);
    return (row?.version as string | undefined) ?? null;
  }

  async record(manager: EntityManager, modelName: string, version: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO champion_alias (model_name, version, published_at) VALUES ($1, $2, $3) ON CONFLICT (model_name) DO UPDATE SET version = EXCLUDED.version, published_at = EXCLUDED.published_at`,
      [modelName, version, at],
    );
  }
}
