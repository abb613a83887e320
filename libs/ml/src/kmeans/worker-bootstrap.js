'use strict';
// Worker entry. In production the compute worker is compiled JavaScript and is simply required. When
// it is a .ts source (jest, `node -r @swc-node/register`), the TypeScript is stripped with @swc/core
// directly rather than through @swc-node/register, which also loads the `typescript` package: ~0.3 s
// and ~60 MB per worker, which would cost the 1M-row K-Means its memory bar. The worker is started
// with an empty execArgv for the same reason (it would otherwise inherit `-r @swc-node/register`).
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');

if (workerData.entry.endsWith('.ts')) {
  const { transformSync } = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    });
    module._compile(code, filename);
  };
}
require(workerData.entry);
