/**
 * What the on-demand endpoints (referral, contribution) share in answering: JSON with no caching and
 * Retry-After when a limit was hit, and whether the client asked for JSON rather than a page.
 */

/** An endpoint's outcome: a status, a JSON body, and how long to wait after a limit. */
export interface EndpointOutcome {
  status: number;
  body: unknown;
  retryAfterSeconds?: number;
}

/** Nothing an endpoint answers may be kept by a cache: it may hold what a family typed. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** The outcome as a JSON response. */
export function jsonAnswer(outcome: EndpointOutcome): Response {
  const headers: Record<string, string> = { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8' };
  if (outcome.retryAfterSeconds) headers['Retry-After'] = String(outcome.retryAfterSeconds);
  return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers });
}

/** Whether a request wants JSON: a JSON body, or the browser's fetch asking for it (a plain form post asks for HTML). */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return /json/i.test(request.headers.get('content-type') ?? '') || (/application\/json/i.test(accept) && !/text\/html/i.test(accept));
}

/** 405 for any method but POST, in French. */
export function postOnly(error: string): Response {
  return new Response(JSON.stringify({ status: 'refusee', error }), {
    status: 405,
    headers: { ...NO_STORE, Allow: 'POST', 'Content-Type': 'application/json; charset=utf-8' },
  });
}
