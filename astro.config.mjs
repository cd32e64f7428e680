// @ts-check
import react from '@astrojs/react';
import { defineConfig, envField } from 'astro/config';
import { loadEnv } from 'vite';
import { deployTarget } from './scripts/lib/deploy-target.ts';
import { precompressIntegration } from './scripts/lib/precompress.ts';
import { securityHeadersIntegration } from './scripts/lib/security-headers-integration.ts';
import { OUTBOX_DEFAULT_DIR } from './src/server/mail-outbox.ts';
import { MAIL_FROM_DEFAULT, MODERATORS_EMAIL_DEFAULT } from './src/server/mail-transport.ts';
import { REFERRAL_ABUSE_LIMITS } from './src/server/referral-limits.ts';
import { pageCspDirectives } from './src/lib/security/content-security-policy.ts';

// Builds may run side by side (tests, benchmarks): each can choose its own output and cache folders.
const outDir = process.env.PASSERELLE_OUT_DIR ?? './dist';
// One build, three targets: the adapter of the platform, loaded only when chosen.
const target = deployTarget(process.env.PASSERELLE_DEPLOY_TARGET);
const adapter =
  target === 'netlify'
    ? (await import('@astrojs/netlify')).default()
    : target === 'vercel'
      ? (await import('@astrojs/vercel')).default()
      : (await import('@astrojs/node')).default({ mode: 'standalone' });
// Printed links, canonical URLs and the sitemap name the real site: say so when it is not set.
if (!process.env.SITE_URL)
  console.warn(
    'SITE_URL n’est pas défini : les liens absolus (impression, plan du site, adresses canoniques) pointeront vers http://localhost:4321.',
  );
// The CSP names the map tile and search hosts, read like Astro reads PUBLIC_ variables (.env included).
const publicEnv = { ...loadEnv(process.env.NODE_ENV ?? 'production', process.cwd(), 'PUBLIC_'), ...process.env };

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  outDir,
  cacheDir: process.env.PASSERELLE_CACHE_DIR ?? './node_modules/.astro',
  output: 'static',
  trailingSlash: 'always',
  adapter,
  // Netlify and Vercel compress on their own; the Node server sends what the build compressed.
  // PASSERELLE_PRECOMPRESS=0 skips it (test sites that never ask for a compressed file).
  integrations: [
    react(),
    securityHeadersIntegration({ target }),
    ...(target === 'node' && process.env.PASSERELLE_PRECOMPRESS !== '0' ? [precompressIntegration()] : []),
  ],
  // No session, hence never a session cookie (the adapters would otherwise enable file or blob sessions).
  session: false,
  // Astro hashes the scripts and styles it inlines into each page's CSP <meta>; _headers repeats it.
  // Shiki colours code with inline styles, which the CSP refuses; the site shows no code anyway.
  markdown: { syntaxHighlight: false },
  security: {
    // Node: Astro reads X-Forwarded-For/-Proto/-Host from any host, because scripts/serve.ts passes them
    // on only behind a trusted proxy (TRUST_PROXY=1) and removes them otherwise. Netlify and Vercel give
    // the client's address themselves.
    ...(target === 'node' ? { allowedDomains: [{}] } : {}),
    // A form posted from another site is refused by src/middleware.ts, with the same rule as Astro's own
    // check but a French answer (Astro's is one line of English).
    checkOrigin: false,
    csp: { directives: pageCspDirectives({ mapTileUrl: publicEnv.PUBLIC_MAP_TILE_URL, searchUrl: publicEnv.PUBLIC_MEILISEARCH_URL }) },
  },
  i18n: { locales: ['fr'], defaultLocale: 'fr' },
  server: { port: 4321, host: 'localhost' },
  devToolbar: { enabled: false },
  build: { inlineStylesheets: 'never' },
  env: {
    schema: {
      RESEND_API_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      MAIL_FROM: envField.string({ context: 'server', access: 'secret', default: MAIL_FROM_DEFAULT }),
      OUTBOX_DIR: envField.string({ context: 'server', access: 'secret', default: OUTBOX_DEFAULT_DIR }),
      // Referral form: another Resend API root (tests), and the limits against abuse (src/server/referral-limits.ts).
      RESEND_BASE_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      REFERRAL_RATE_LIMIT: envField.number({
        context: 'server',
        access: 'secret',
        default: REFERRAL_ABUSE_LIMITS.requestsPerClientPerMinute,
        int: true,
        gt: 0,
      }),
      REFERRAL_ACK_LIMIT: envField.number({
        context: 'server',
        access: 'secret',
        default: REFERRAL_ABUSE_LIMITS.acknowledgementsPerAddressPerHour,
        int: true,
        gt: 0,
      }),
      REFERRAL_SERVICE_LIMIT: envField.number({
        context: 'server',
        access: 'secret',
        default: REFERRAL_ABUSE_LIMITS.messagesPerServicePerHour,
        int: true,
        gt: 0,
      }),
      // The referral endpoint's shared state (idempotency and limits) in Redis; unset: in memory and on disk.
      REDIS_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      // Contributions (src/server/contribution-runtime.ts): all optional. The moderators' address; the secret
      // that signs opt-in links; the site's public address for those links; the forge (token, owner/name, API root).
      CONTRIBUTION_MODERATORS_EMAIL: envField.string({ context: 'server', access: 'secret', default: MODERATORS_EMAIL_DEFAULT }),
      CONTRIBUTION_SECRET: envField.string({ context: 'server', access: 'secret', optional: true, min: 16 }),
      CONTRIBUTION_SITE_URL: envField.string({ context: 'server', access: 'secret', optional: true, url: true }),
      CONTRIBUTION_FORGE_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      CONTRIBUTION_FORGE_REPOSITORY: envField.string({ context: 'server', access: 'secret', optional: true }),
      CONTRIBUTION_FORGE_API_URL: envField.string({ context: 'server', access: 'secret', optional: true, url: true }),
      PUBLIC_MEILISEARCH_URL: envField.string({ context: 'client', access: 'public', optional: true }),
      PUBLIC_MEILISEARCH_SEARCH_KEY: envField.string({ context: 'client', access: 'public', optional: true }),
      // The index the page queries: the one `npm run search:index` fills (MEILISEARCH_INDEX).
      PUBLIC_MEILISEARCH_INDEX: envField.string({ context: 'client', access: 'public', default: 'services' }),
      // Map tiles: OpenStreetMap's standard tiles by default; an empty URL draws the outlines only.
      PUBLIC_MAP_TILE_URL: envField.string({
        context: 'client',
        access: 'public',
        default: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      }),
      PUBLIC_MAP_TILE_ATTRIBUTION: envField.string({
        context: 'client',
        access: 'public',
        default: '© les contributeurs d’<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
      }),
      // « Signaler une erreur »: the address that receives corrections (also the legal pages'
      // contact), and the forge's edit page of a content file, {path} standing for content/services/<id>.yaml.
      // Unset: no address is made up (src/lib/services/service-feedback.ts says what is shown instead).
      PUBLIC_CORRECTIONS_EMAIL: envField.string({ context: 'client', access: 'public', optional: true, includes: '@' }),
      PUBLIC_CONTENT_EDIT_URL: envField.string({ context: 'client', access: 'public', optional: true, url: true, includes: '{path}' }),
    },
  },
});
