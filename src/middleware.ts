/**
 * Requests rendered on demand: a form posted from another site is refused in French (see
 * src/server/cross-site-request.ts). It takes over from Astro's own check, in English, once
 * `security.checkOrigin` is false in astro.config.mjs; while that is on, Astro refuses first.
 */
import { defineMiddleware } from 'astro:middleware';
import { crossSiteRefusal, isCrossSiteSubmission } from './server/cross-site-request.ts';

export const onRequest = defineMiddleware((context, next) => {
  if (!context.isPrerendered && isCrossSiteSubmission(context.request, context.url.origin)) return crossSiteRefusal(context.request);
  return next();
});
