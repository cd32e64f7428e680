/**
 * Astro middleware for the responses rendered on demand (the referral form and API, the search's
 * place pages), on every target (Node, Netlify, Vercel): the site's security headers where the
 * response lacks them (a platform's function answers outside its static-file rules); a
 * Content-Security-Policy Astro sends as a header completed with the header-only directives
 * (frame-ancestors) the pages' <meta> cannot carry; and no cookie, ever: a Set-Cookie header is
 * dropped and reported.
 */
import { defineMiddleware } from 'astro:middleware';
import { withHeaderOnlyDirectives } from './lib/security/content-security-policy.ts';
import { securityHeaders } from './lib/security/security-headers.ts';

// The policy of each page is Astro's own (hashes); the other headers are the site's, as in _headers.
const SITE_HEADERS = securityHeaders({ contentSecurityPolicy: '', https: import.meta.env.SITE?.startsWith('https://') ?? false }).filter(
  ([name]) => name !== 'Content-Security-Policy',
);

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
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
});
