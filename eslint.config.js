// ESLint (flat config): typescript-eslint's recommended rules plus the house's arrows.
//   npm run lint        (eslint + knip + the prettier check)
// The arrows (src/README.md): pages → layouts → components → widgets → workers → (tf, viz) → lib.
// A file may import its own layer and any layer below it, never one above or beside it:
// tf and viz do not import each other, a widget folder imports only itself and src/widgets/shared/,
// and lib touches neither the project above it nor the DOM. Tests, bench/, e2e/ and scripts/ may import anything.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The types each layer may import; `widget` is handled apart (only its own folder). */
const ALLOWED = {
  page: ['page', 'layout', 'component', 'widget', 'widget-shared', 'worker', 'tf', 'viz', 'lib', 'styles'],
  layout: ['layout', 'component', 'widget', 'widget-shared', 'worker', 'tf', 'viz', 'lib', 'styles'],
  component: ['component', 'widget', 'widget-shared', 'worker', 'tf', 'viz', 'lib', 'styles'],
  widget: ['widget-shared', 'worker', 'tf', 'viz', 'lib', 'styles'],
  'widget-shared': ['widget-shared', 'worker', 'tf', 'viz', 'lib', 'styles'],
  worker: ['worker', 'tf', 'viz', 'lib'],
  tf: ['tf', 'lib'],
  viz: ['viz', 'lib'],
  lib: ['lib'],
  integration: ['integration', 'lib'],
};

/** The architecture rule, exported so that the test (eslint-boundaries.test.ts) checks the very same one. */
export const boundariesConfig = {
  files: ['src/**/*.{ts,js,mjs,astro}'],
  ignores: ['src/**/*.test.ts'],
  plugins: { boundaries },
  settings: {
    'boundaries/include': ['src/**/*'],
    'boundaries/elements': [
      { type: 'page', pattern: 'src/pages', partialMatch: false },
      { type: 'layout', pattern: 'src/layouts', partialMatch: false },
      { type: 'component', pattern: 'src/components', partialMatch: false },
      { type: 'widget-shared', pattern: 'src/widgets/shared', partialMatch: false, exclusive: true },
      { type: 'widget', pattern: 'src/widgets/*', partialMatch: false, capture: ['name'] },
      { type: 'worker', pattern: 'src/workers', partialMatch: false },
      { type: 'tf', pattern: 'src/tf', partialMatch: false },
      { type: 'viz', pattern: 'src/viz', partialMatch: false },
      { type: 'lib', pattern: 'src/lib', partialMatch: false },
      { type: 'styles', pattern: 'src/styles', partialMatch: false },
      { type: 'integration', pattern: 'src/integrations', partialMatch: false },
    ],
    'boundaries/elementsSingleMatch': true,
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        message:
          '{{from.element.types.[0]}} ({{from.element.path}}) may not import {{to.element.types.[0]}} ({{to.element.path}}): the arrows run one way, see src/README.md',
        policies: [
          ...Object.entries(ALLOWED).map(([from, to]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: { anyOf: to } } } },
          })),
          // A widget folder imports its own files (besides the kit and the layers below).
          {
            from: { element: { type: 'widget' } },
            allow: { to: { element: { type: 'widget', captured: { name: '{{from.element.captured.name}}' } } } },
          },
          // Packages and Node built-ins are not layers.
          { allow: { to: { module: { origin: 'external' } } } },
          { allow: { to: { module: { origin: 'core' } } } },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      '.astro/**',
      'node_modules/**',
      'public/**',
      'content/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `import('x').T` stays allowed: the scripts use it for packages they load lazily.
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Types may be merged with classes (custom elements declare their own attribute types).
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
    },
  },
  boundariesConfig,
  {
    // lib runs in Node and in workers: no DOM. (setTimeout, MessageChannel and the like are fine.)
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['document', 'window', 'navigator', 'localStorage', 'sessionStorage', 'customElements', 'HTMLElement', 'Element', 'Node', 'location'].map(
          (name) => ({ name, message: 'src/lib never touches the DOM: take what you need as an argument, or move this up to a widget.' }),
        ),
      ],
    },
  },
);
