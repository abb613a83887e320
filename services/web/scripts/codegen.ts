import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { clientSources } from './client-sources';

/**
 * `npm run web:codegen` rewrites the generated sources of the client; with `--check` it writes nothing
 * and exits 1 listing the stale files (CI).
 */
async function main(check: boolean): Promise<void> {
  const stale: string[] = [];
  for (const [path, content] of await clientSources()) {
    const name = relative(process.cwd(), path);
    if (check) {
      if ((await readFile(path, 'utf8').catch(() => null)) !== content) stale.push(name);
    } else {
      await writeFile(path, content);
      console.log(`wrote ${name}`);
    }
  }
  if (stale.length > 0) {
    console.error(`stale generated files (run npm run web:codegen): ${stale.join(', ')}`);
    process.exit(1);
  }
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
