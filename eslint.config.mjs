import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

// Packages that would tie the pure model library to a framework, a database or a broker.
const infrastructurePackages = [
  '@nestjs/*',
  '@apollo/*',
  'typeorm',
  'pg',
  'pg-copy-streams',
  'kafkajs',
  'graphql',
];

// The one way into a service from outside it: its testing entry, for benchmarks and repository scripts. Nx's
// rule rejects every import of an application, so these are allowed there, and kept out of the libs, the
// services and the e2e tests below. Any other path into a service (`@seg/scoring`, a deep or relative path)
// is still rejected.
const serviceTestingEntries = ['@seg/gateway/testing', '@seg/ingestion/testing', '@seg/scoring/testing', '@seg/training/testing'];

export default [
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.stack/**', '.nx/**', 'coverage/**', 'e2e/artifacts/**', '**/fixtures/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: serviceTestingEntries,
          // Explicit constraints, no '*' wildcard: every tag says what it may reach.
          depConstraints: [
            // Services use the model, the contracts and the infrastructure libs, never the tooling that drives them.
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['scope:ml', 'scope:shared', 'scope:infra'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            // bench/ and scripts/: libs, and the services' testing entries (allowed above).
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:ml', onlyDependOnLibsWithTags: ['scope:ml'], bannedExternalImports: infrastructurePackages },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:ml', 'scope:shared'] },
            { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:ml', 'scope:shared', 'scope:infra'] },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:ml', 'scope:shared', 'scope:infra'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // kafkajs is unmaintained: keep it behind libs/kafka so it can be replaced in one place.
    files: ['**/*.ts'],
    ignores: ['libs/kafka/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kafkajs', message: 'Use @seg/kafka; only libs/kafka may import kafkajs.' }] }],
    },
  },
  {
    // A service never imports another service, a lib never imports a service, and the e2e tests drive services as
    // processes: none of them imports a service's testing entry. (typescript-eslint's twin of the rule, so that
    // the kafkajs ban above keeps its own options.)
    files: ['libs/**/*.ts', 'services/**/*.{ts,tsx}', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: serviceTestingEntries.map((name) => ({ name, message: "A service's testing entry is for bench/ and scripts/ only." })) },
      ],
    },
  },
  {
    // The web client: accessibility (labels, keyboard) and the rules of hooks, checked on every lint.
    files: ['services/web/**/*.{ts,tsx}'],
    ...jsxA11y.flatConfigs.strict,
    plugins: { ...jsxA11y.flatConfigs.strict.plugins, 'react-hooks': reactHooks },
    rules: { ...jsxA11y.flatConfigs.strict.rules, ...reactHooks.configs.flat.recommended.rules },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
