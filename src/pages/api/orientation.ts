/**
 * POST /api/orientation, rendered on demand: the browser form (answered with the form's pages, or
 * JSON when asked) and JSON from other clients. The contract is in docs/orientation.md; the work in src/server.
 */
import type { APIRoute } from 'astro';
import { handleReferral, type ReferralOutcome } from '../../server/referral-handler.ts';
import { referralDependencies } from '../../server/referral-runtime.ts';

export const prerender = false;

const NO_STORE = { 'Cache-Control': 'no-store' };

function jsonAnswer(outcome: ReferralOutcome): Response {
  const headers: Record<string, string> = { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8' };
  if ('retryAfterSeconds' in outcome && outcome.retryAfterSeconds) headers['Retry-After'] = String(outcome.retryAfterSeconds);
  return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers });
}

/** The browser's fetch asks for JSON; a plain form post asks for HTML. */
const wantsJson = (accept: string | null): boolean => /application\/json/i.test(accept ?? '') && !/text\/html/i.test(accept ?? '');

export const POST: APIRoute = async (context) => {
  const { request } = context;
  const json = /json/i.test(request.headers.get('content-type') ?? '') || wantsJson(request.headers.get('accept'));
  // The form pages are rendered by a rewrite, which needs the request's body unread: read a copy.
  const handled = await handleReferral(json ? request : request.clone(), context.clientAddress, await referralDependencies());
  if (json) return jsonAnswer(handled.outcome);
  context.locals.referral = handled;
  return context.rewrite(handled.outcome.status === 200 ? '/orienter/resultat/' : '/orienter/');
};

export const ALL: APIRoute = () =>
  new Response(JSON.stringify({ status: 'refusee', error: 'Envoyez la demande avec la méthode POST.' }), {
    status: 405,
    headers: { ...NO_STORE, Allow: 'POST', 'Content-Type': 'application/json; charset=utf-8' },
  });
