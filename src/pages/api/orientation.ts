/**
 * POST /api/orientation, rendered on demand: the browser form (answered with the form's pages, or
 * JSON when asked) and JSON from other clients. The contract is in docs/orientation.md; the work in src/server.
 */
import type { APIRoute } from 'astro';
import { jsonAnswer, postOnly, wantsJson } from '../../server/endpoint-answers.ts';
import { handleReferral } from '../../server/referral-handler.ts';
import { referralDependencies } from '../../server/referral-runtime.ts';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const { request } = context;
  const json = wantsJson(request);
  // The form pages are rendered by a rewrite, which needs the request's body unread: read a copy.
  const handled = await handleReferral(json ? request : request.clone(), context.clientAddress, await referralDependencies());
  if (json) return jsonAnswer(handled.outcome);
  context.locals.referral = handled;
  return context.rewrite(handled.outcome.status === 200 ? '/orienter/resultat/' : '/orienter/');
};

export const ALL: APIRoute = () => postOnly('Envoyez la demande avec la méthode POST.');
