/**
 * Astro middleware for the responses rendered on demand (the referral and contribution forms and API,
 * the search's place pages), on every target (Node, Netlify, Vercel):
 * - a form posted from another site is refused in French (src/server/cross-site-request.ts), in place
 *   of Astro's own check (`security.checkOrigin`, off in astro.config.mjs), which answers in English;
 * - the site's security headers where the response lacks them (a platform's function answers outside
 *   its static-file rules), and a Content-Security-Policy that Astro sends as a header completed with
 *   the header-only directives (frame-ancestors) the pages' <meta> cannot carry;
 * - no cookie, ever: a Set-Cookie header is dropped and reported.
 */
import type { MiddlewareHandler } from 'astro';
import { withHeaderOnlyDirectives } from './lib/security/content-security-policy.ts';
import { securityHeaders } from './lib/security/security-headers.ts';
import { crossSiteRefusal, isCrossSiteSubmission } from './server/cross-site-request.ts';

// The policy of each page is Astro's own (hashes); the other headers are the site's, as in _headers.
const SITE_HEADERS = securityHeaders({ contentSecurityPolicy: '', https: import.meta.env.SITE?.startsWith('https://') ?? false }).filter(
  ([name]) => name !== 'Content-Security-Policy',
);

// Typed rather than wrapped in astro:middleware's defineMiddleware (which returns it unchanged): a value
// import would pull Astro's runtime, and its dependencies, into the prerendering bundle.
export const onRequest: MiddlewareHandler = async (context, next) => {
  if (context.isPrerendered) return next();
  const response = isCrossSiteSubmission(context.request, context.url.origin) ? crossSiteRefusal(context.request) : await next();
  // Some responses (redirects, rewrites) have read-only headers: answer with a copy.
  const secured = new Response(response.body, response);
  if (secured.headers.has('set-cookie')) {
    console.error(`Cookie refusé sur ${context.url.pathname} : Passerelle ne dépose aucun cookie.`);
    secured.headers.delete('set-cookie');
  }
  const policy = secured.headers.get('content-security-policy');
  if (policy) secured.headers.set('content-security-policy', withHeaderOnlyDirectives(policy));
  for (const [name, value] of SITE_HEADERS) if (!secured.headers.has(name)) secured.headers.set(name, value);
  return secured;
};
