// ESLint: TypeScript and Svelte 5, type-aware where it catches real mistakes (floating
// promises are not checked: the app starts work on purpose without awaiting it).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'bench/data/', 'static/', '.exp/', 'coverage/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are what the ingest, link and identity checks look for.
      'no-control-regex': 'off',
      // Letting go of a large buffer before a long await is an assignment that matters.
      'no-useless-assignment': 'off',
      // Links keep the site's base path and the view's query through the app's own helpers
      // (relative hrefs; tested under a sub-path by the static-hosting browser test).
      'svelte/no-navigation-without-resolve': 'off',
      // Maps, URLs and dates built inside a function or a derived value are not state.
      'svelte/prefer-svelte-reactivity': 'off',
      // `{' '}` keeps a space between inline elements on purpose.
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    // Coefficients of published approximations keep all their printed digits.
    files: ['src/lib/stats/special.ts', 'tests/unit/stats/**'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // Plot draws outside Svelte; this component only mounts its SVG into an element it owns.
    files: ['src/lib/charts/PlotFigure.svelte'],
    rules: { 'svelte/no-dom-manipulating': 'off' },
  },
);
