import { deserializeBundle, serializeBundle, type ModelBundle } from '@seg/ml';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedChampion {
  readonly version: string;
  readonly bundle: ModelBundle;
}

/**
 * The last champion on local disk, one file per registered model: what scoring starts with when MLflow
 * is unreachable. Written atomically (a rename), so a crash never leaves half a bundle behind.
 */
export class ChampionCache {
  constructor(
    private readonly directory: string,
    private readonly modelName: string,
  ) {}

  private get file(): string {
    return join(this.directory, `${encodeURIComponent(this.modelName)}.champion.json`);
  }

  async write(champion: CachedChampion): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ modelName: this.modelName, version: champion.version, bundle: serializeBundle(champion.bundle) }));
    await rename(temporary, this.file);
  }

  /** null when nothing was cached yet; a damaged file is an error (deserializeBundle lists what is wrong). */
  async read(): Promise<CachedChampion | null> {
    const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) return null;
    const cached = JSON.parse(text) as { version: string; bundle: string };
    return { version: cached.version, bundle: deserializeBundle(cached.bundle) };
  }

  describe(): string {
    return this.file;
  }
}
