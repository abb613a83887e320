import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// A child process: the codegen plugins pull ES-module-only packages that jest's CommonJS runtime cannot load.
function checkGeneratedSources(): { status: number | null; stderr: string } {
  const script = join(__dirname, 'codegen.ts');
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', script, '--check'], { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('web:codegen --check', () => {
  it('should pass when the committed operation types, feature schema and offer limits match the supergraph, the operations, @seg/ml and @seg/contracts', () => {
    const { status, stderr } = checkGeneratedSources();
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
