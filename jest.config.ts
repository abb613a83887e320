import type { Config } from 'jest';

// CommonJS, as TypeScript reads this file (package.json has no "type"), so that Node 24, which strips the
// types natively, loads it as CommonJS too: with `export default` it would reparse it as an ES module,
// where this `require` does not exist.
const preset = require('./jest.preset.js');

// Three tiers, told apart by file name:
//   *.spec.ts               pure logic beside the code, no I/O (and the web's *.spec.tsx components, in jsdom)
//   *.integration-spec.ts   real PostgreSQL / Kafka / MLflow from `npm run stack -- up`
//   e2e/**/*.e2e-spec.ts    the whole platform
const config: Config = {
  // Per-project testTimeout is ignored by jest 30; integration tests wait on real brokers and servers.
  testTimeout: 120_000,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,scripts}/**/*.spec.ts', '<rootDir>/services/web/**/*.spec.tsx'],
      transform: {
        // Listed first: jest uses the first pattern that matches. The web's components are TSX on React's automatic runtime.
        '^.+\\.tsx$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
        ...preset.transform,
      },
    },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/scripts/jest/integration-setup.ts',
    },
    {
      ...preset,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/scripts/jest/integration-setup.ts',
    },
  ],
};

module.exports = config;
