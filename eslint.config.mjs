// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', '.vscode-test/**', 'test-results/**', 'node_modules/**', 'test/fixtures/vsix-runner/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The pure layers must stay usable outside VS Code (tests, benchmarks, the sandbox).
    files: ['src/ovh/**/*.ts', 'src/renewal/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/ovh and src/renewal must not depend on VS Code.' }] }],
    },
  },
  {
    // Tests, harness scripts and the sandbox print to the terminal on purpose.
    files: ['test/**/*.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
