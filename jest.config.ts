import type { Config } from 'jest';

const preset = require('./jest.preset.js');

// Three tiers, told apart by file name:
//   *.spec.ts               pure logic beside the code, no I/O
//   *.integration-spec.ts   real PostgreSQL / Kafka / MLflow from `npm run stack -- up`
//   e2e/**/*.e2e-spec.ts    the whole platform
const config: Config = {
  // Per-project testTimeout is ignored by jest 30; integration tests wait on real brokers and servers.
  testTimeout: 120_000,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,scripts}/**/*.spec.ts'],
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

export default config;
