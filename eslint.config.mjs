// ESLint flat config (eslint 9, typescript-eslint 8): correctness rules only. Formatting is
// Prettier's (.prettierrc.json); `npm run lint` runs both.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const unusedVars = ['error', { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }];

// Letters and configuration files are untrusted text: patterns that find control characters
// (to escape or refuse them) are deliberate, so no-control-regex is off everywhere.
const shared = { 'no-control-regex': 'off' };

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.e2e/', '.vscode-test/', 'test/e2e/out/', '**/*.d.ts'] },
  {
    files: ['server/**/*.ts', 'client/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: { ...shared, '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    files: ['scripts/**/*.js', 'scripts/**/*.mjs', 'bin/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
    rules: { ...shared, 'no-unused-vars': unusedVars },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Page scripts of the browser-driven end-to-end tests run in the page, not in Node.
    files: ['scripts/e2e/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
