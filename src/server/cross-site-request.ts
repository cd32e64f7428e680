/**
 * The refusal of a form posted from another site (cross-site request forgery), in French: the same
 * rule as Astro's `security.checkOrigin` (a request that changes something, sent as a form or
 * without a type, must come from the site's own origin), whose answer is an English line of text.
 * JSON clients get the endpoint's JSON refusal, browsers a French sentence.
 */
import type { RefusedAnswer } from '../lib/referral/referral-answer.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The types a browser may send across sites without asking the server first (no CORS preflight). */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** The French explanation of the refusal. */
export const CROSS_SITE_MESSAGE =
  'Cette demande ne vient pas du site Passerelle lui-même : par sécurité, elle n’est pas acceptée. Ouvrez le formulaire sur le site (rechargez la page si vous y êtes déjà), puis renvoyez-le.';

/** Whether a request is a submission from another origin that the site must refuse (Astro's rule). */
export function isCrossSiteSubmission(request: Request, siteOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const sameOrigin = request.headers.get('origin') === siteOrigin;
  const type = request.headers.get('content-type');
  if (type === null) return !sameOrigin;
  const lower = type.toLowerCase();
  return FORM_TYPES.some((form) => lower.includes(form)) && !sameOrigin;
}

/** The 403 answer: the endpoint's JSON refusal when JSON is asked for, a French sentence otherwise. */
export function crossSiteRefusal(request: Request): Response {
  const headers = { 'Cache-Control': 'no-store' };
  if (/application\/json/i.test(request.headers.get('accept') ?? '')) {
    const body: RefusedAnswer = { status: 'refusee', error: CROSS_SITE_MESSAGE };
    return new Response(JSON.stringify(body), { status: 403, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
  }
  return new Response(CROSS_SITE_MESSAGE, { status: 403, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}
