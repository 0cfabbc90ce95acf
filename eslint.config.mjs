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
    // The pure layers must stay usable outside VS Code (tests, benchmarks, the sandbox): the API client, the domain,
    // the formatting, the protocol, the money core, storage, and the pure halves of views/, outlook/, settings/ and tools/.
    files: [
      'src/ovh/**/*.ts',
      'src/renewal/**/*.ts',
      'src/format/**/*.ts',
      'src/protocol/**/*.ts',
      'src/translate.ts',
      'src/core/**/*.ts',
      'src/storage/**/*.ts',
      'src/views/pure/**/*.ts',
      'src/outlook/pure/**/*.ts',
      'src/settings/pure/**/*.ts',
      'src/tools/pure/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'src/ovh, src/renewal, src/format, src/protocol, src/core, src/storage and the pure/ folders must not depend on VS Code.',
            },
          ],
        },
      ],
    },
  },
  {
    // A pure/ module reaches only pure code: its own folder, ovh/, renewal/, format/, protocol/, storage/, views/pure/ (the
    // texts every feature shares) and core/listing/ (the listing every feature shares; types from anywhere).
    files: ['src/views/pure/**/*.ts', 'src/outlook/pure/**/*.ts', 'src/settings/pure/**/*.ts', 'src/tools/pure/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./(ovh|renewal|format|protocol|translate|storage|views/pure|core/listing)(/|$))',
              allowTypeImports: true,
              message: 'A pure/ module imports only pure modules (vscode-free).',
            },
          ],
        },
      ],
    },
  },
  {
    // The core (orders: journal, leases, placement, payment, recovery; batch: many orders at once; listing: the services
    // listing every feature shares, with its cache) reaches only itself and the layers below it, never a UI folder (types
    // from anywhere).
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!(orders|batch|listing)/|\\.\\./(ovh|renewal|format|protocol|translate|storage|views/pure)(/|$))',
              allowTypeImports: true,
              message: 'The core imports only itself and the layers below it (ovh, renewal, format, protocol, storage).',
            },
          ],
        },
      ],
    },
  },
  {
    // Formatting (days, amounts, periods, product types, the locale, in the user's language) sits on the domain: it
    // reads renewal/ and translate.ts, never a feature (types from anywhere). The webview does not use it: the host
    // sends every text already formatted.
    files: ['src/format/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!(renewal|translate)(/|$))',
              allowTypeImports: true,
              message: 'format/ imports only the domain (renewal/) and translate.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Storage (the journal's and leases' files, the records activation reads back) sits under the core: it imports no feature.
    files: ['src/storage/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!(ovh|renewal|translate)(/|$))', allowTypeImports: true, message: 'storage/ imports no feature.' }] },
      ],
    },
  },
  {
    // The webview (a page in the browser) shares only the protocol with its host, which sends every text formatted
    // and the outlook's chart laid out: nothing of the host's code is bundled into a panel.
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./\\.\\./(?!protocol/)', message: 'The webview imports only src/protocol/ (and its own folder).' }] },
      ],
    },
  },
  {
    // Tests, harness scripts and the sandbox print to the terminal on purpose.
    files: ['test/**/*.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
