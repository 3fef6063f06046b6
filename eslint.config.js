// ESLint 9 flat config. Syntax-level rules only: `tsc --noEmit` already does the type checking.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'data/**', '.tmp/**', 'drizzle/**', 'bench/results/**', 'coverage/**', 'dist/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // TypeScript files get no-undef from tsc; plain JavaScript needs to know its environment.
    files: ['**/*.{js,mjs,cjs}'],
    ignores: ['public/**'],
    languageOptions: { globals: globals.node },
  },
  {
    // Progressive-enhancement scripts served to browsers as classic scripts.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    files: ['**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    languageOptions: {
      ...jsxA11y.flatConfigs.recommended.languageOptions,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: {
      // Preact takes the HTML attribute names (`class`, `for`); tell the plugin which props hold labels.
      'jsx-a11y': { attributes: { for: ['for', 'htmlFor'] } },
    },
  },
  {
    rules: {
      // Stripping control characters from user input is deliberate here (link and text sanitising).
      'no-control-regex': 'off',
      // Modules add their text keys to the platform's catalogue with `interface MessageCatalog extends …`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // `_name` marks a parameter that a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
);
