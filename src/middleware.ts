/**
 * Requests rendered on demand: a form posted from another site is refused in French (see
 * src/server/cross-site-request.ts). It takes over from Astro's own check, in English, once
 * `security.checkOrigin` is false in astro.config.mjs; while that is on, Astro refuses first.
 */
import type { MiddlewareHandler } from 'astro';
import { crossSiteRefusal, isCrossSiteSubmission } from './server/cross-site-request.ts';

// Typed rather than wrapped in astro:middleware's defineMiddleware (which returns it unchanged): a value
// import would pull Astro's runtime, and its dependencies, into the prerendering bundle.
export const onRequest: MiddlewareHandler = (context, next) => {
  if (!context.isPrerendered && isCrossSiteSubmission(context.request, context.url.origin)) return crossSiteRefusal(context.request);
  return next();
};
