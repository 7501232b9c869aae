import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import layers from './eslint-rules/main-layers.js';

// Layering is enforced here, not in review (the VS Code idea): shared/ imports neither side,
// renderer/ never imports main/ or electron, and in main/ only the adapter files import electron. Inside
// main/, each folder imports only lower layers (eslint-rules/main-layers.js, the table in README).
const electronOnlyInAdapters = {
  paths: [
    {
      name: 'electron',
      message: 'Only main/adapters/*, main/index.ts and main/preload/ may import electron.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{ts,mjs,js}'],
    ignores: ['main/adapters/**', 'main/index.ts', 'main/preload/**'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInAdapters] },
  },
  {
    files: ['main/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/main-layers': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInAdapters,
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'shared/ must not depend on main/ or renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInAdapters,
          patterns: [
            { group: ['**/main/**'], message: 'The renderer talks to main only through window.doctor.' },
            { group: ['node:*'], message: 'The renderer has no Node.' },
          ],
        },
      ],
    },
  },
  {
    // CommonJS preloads for tools (e.g. the electronegativity offline shim) must use require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', URL: 'readonly' },
    },
  },
);
