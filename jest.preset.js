// Shared by every jest project: swc for speed (3-4x ts-jest), with decorator metadata for NestJS,
// and the tsconfig path aliases so tests import libs the way the services do.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

// Tests run on the pinned Node: the npm scripts put it first on PATH (scripts/node/run.sh); a direct
// `npx jest` needs it there too. (ts-node stays in devDependencies only so that an older Node gets here.)
const pinned = readFileSync(join(__dirname, '.nvmrc'), 'utf8').trim();
if (process.versions.node.split('.')[0] !== pinned.split('.')[0]) {
  throw new Error(`jest runs on Node ${pinned} (.nvmrc), not ${process.version}: \`source scripts/node/run.sh\` first, or use the npm scripts`);
}

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/scripts/env/load-env.js'],
  moduleNameMapper,
  // ml-*, kubernetes-models and some of their dependencies ship ES modules only: swc transpiles them too.
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: ['/node_modules/(?!(ml-|is-any-array|median-quickselect|d3-|kubernetes-models/|@kubernetes-models/|is-cidr/|cidr-regex/|@nestjs/))'],
  resolver: '<rootDir>/scripts/jest/resolver.js',
  modulePathIgnorePatterns: ['<rootDir>/.stack/', '<rootDir>/dist/'],
};
