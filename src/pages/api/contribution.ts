/**
 * POST /api/contribution, rendered on demand: a proposal, a correction, an opt-in request or its
 * confirmation, from the browser form (answered with the contribution pages) or as JSON. The work is
 * in src/server/contribution-handler.ts.
 */
import type { APIRoute } from 'astro';
import { handleContribution, type ContributionOutcome } from '../../server/contribution-handler.ts';
import { contributionDependencies } from '../../server/contribution-runtime.ts';

export const prerender = false;

const NO_STORE = { 'Cache-Control': 'no-store' };

function jsonAnswer(outcome: ContributionOutcome): Response {
  const headers: Record<string, string> = { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8' };
  if ('retryAfterSeconds' in outcome && outcome.retryAfterSeconds) headers['Retry-After'] = String(outcome.retryAfterSeconds);
  return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers });
}

const wantsJson = (accept: string | null): boolean => /application\/json/i.test(accept ?? '') && !/text\/html/i.test(accept ?? '');

export const POST: APIRoute = async (context) => {
  const { request } = context;
  const json = /json/i.test(request.headers.get('content-type') ?? '') || wantsJson(request.headers.get('accept'));
  // The pages are rendered by a rewrite, which needs the request's body unread: read a copy.
  const handled = await handleContribution(json ? request : request.clone(), context.clientAddress, await contributionDependencies(context.site));
  if (json) return jsonAnswer(handled.outcome);
  context.locals.contribution = handled;
  if (handled.outcome.status === 200) return context.rewrite('/contribuer/merci/');
  return context.rewrite(handled.fields?.kind === 'confirmation' ? '/contribuer/confirmer/' : '/contribuer/');
};

export const ALL: APIRoute = () =>
  new Response(JSON.stringify({ status: 'refusee', error: 'Envoyez la contribution avec la méthode POST.' }), {
    status: 405,
    headers: { ...NO_STORE, Allow: 'POST', 'Content-Type': 'application/json; charset=utf-8' },
  });
