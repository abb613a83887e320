// Shared by every jest project: swc for speed (3-4x ts-jest), with decorator metadata for NestJS,
// and the tsconfig path aliases so tests import libs the way the services do.
const { compilerOptions } = require('./tsconfig.base.json');

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
  // ml-* packages and some of their dependencies ship ES modules only.
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: ['/node_modules/(?!(ml-|is-any-array|median-quickselect|d3-))'],
  modulePathIgnorePatterns: ['<rootDir>/.stack/', '<rootDir>/dist/'],
};
