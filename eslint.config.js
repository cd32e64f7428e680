// ESLint flat config: the import rules say in French which folder may import which.
import eslintPluginAstro from 'eslint-plugin-astro';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Which folder may import which: lib is the domain and imports no framework, no server code, no page. */
/** @param {object[]} patterns */
const restrict = (patterns) => ['error', { patterns }];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', '.astro/**', 'public/**', 'outbox/**', '.netlify/**', '.vercel/**'] },
  // Typed rules: they read the types TypeScript infers (misused promises, unsafe `any`, needless assertions).
  // The `astro:content` types come from `astro sync`, which `npm run lint` runs first.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.astro'],
      },
    },
  },
  // .astro files: their front matter (TypeScript) is linted like any module, with the same import rules.
  ...eslintPluginAstro.configs.recommended,
  {
    // astro-eslint-parser has no project service: it reads the types through the nearest tsconfig.json.
    files: ['**/*.astro'],
    languageOptions: { parserOptions: { projectService: false, project: true } },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,astro}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Vitest types its asymmetric matchers (expect.stringMatching, expect.any…) as `any`, so that they fit any expected shape.
    files: ['tests/**/*.test.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // No import circle in the application (the rule sees value imports; a type shared both ways gets its own file too).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/lib/**/*.{ts,tsx,astro}'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['astro:*'],
          message: 'src/lib reste du TypeScript pur : passez par src/data pour les collections.',
          allowTypeImports: true,
        },
        {
          group: ['**/data/content*', '**/server/**', '**/pages/**', '**/islands/**', '**/components/**', '**/layouts/**'],
          message: 'src/lib ne dépend pas des couches au-dessus de lui.',
        },
        {
          group: ['react', 'react-dom', 'leaflet', 'resend', 'node:*'],
          message: 'src/lib ne dépend ni du DOM, ni du serveur, ni d’un framework.',
        },
      ]),
    },
  },
  {
    files: ['src/islands/**/*.{ts,tsx,astro}'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/server/**', '**/data/content*', 'astro:content', 'node:*', 'resend'],
          message: 'Un îlot tourne dans le navigateur : pas de code serveur ni de collection.',
        },
      ]),
    },
  },
  {
    files: ['src/pages/**/*.{ts,astro}', 'src/components/**/*.astro', 'src/layouts/**/*.astro'],
    rules: {
      'no-restricted-imports': restrict([{ group: ['resend'], message: 'Les routes passent par src/server pour l’envoi des messages.' }]),
    },
  },
);
