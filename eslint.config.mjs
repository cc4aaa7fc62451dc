// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// botbuilder and teams-ai are the Bot Framework generation of Microsoft's Teams SDKs. Keeping them inside
// src/bot/ means a move to Teams SDK v2 touches that folder only.
const botFrameworkPackages = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  '@microsoft/teams-ai',
  '@microsoft/teams-ai/*',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'test-results/', 'appPackage/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: botFrameworkPackages,
              message: 'Bot Framework and teams-ai imports belong in src/bot/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...botFrameworkPackages,
                '@azure/*',
                'restify',
                'exceljs',
                'csv-parse',
                '**/infrastructure/**',
                '**/bot/**',
              ],
              message: 'The domain is plain TypeScript: no SDK, storage or bot imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'src/cli/**/*.ts', '**/*.mjs'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
