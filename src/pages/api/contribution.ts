/**
 * POST /api/contribution, rendered on demand: a proposal, a correction, an opt-in request or its
 * confirmation, from the browser form (answered with the contribution pages) or as JSON. The work is
 * in src/server/contribution-handler.ts.
 */
import type { APIRoute } from 'astro';
import { handleContribution } from '../../server/contribution-handler.ts';
import { contributionDependencies } from '../../server/contribution-runtime.ts';
import { jsonAnswer, postOnly, wantsJson } from '../../server/endpoint-answers.ts';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const { request } = context;
  const json = wantsJson(request);
  // The pages are rendered by a rewrite, which needs the request's body unread: read a copy.
  const handled = await handleContribution(
    json ? request : request.clone(),
    context.clientAddress,
    await contributionDependencies(context.site),
  );
  if (json) return jsonAnswer(handled.outcome);
  context.locals.contribution = handled;
  if (handled.outcome.status === 200) return context.rewrite('/contribuer/merci/');
  return context.rewrite(handled.fields?.kind === 'confirmation' ? '/contribuer/confirmer/' : '/contribuer/');
};

export const ALL: APIRoute = () => postOnly('Envoyez la contribution avec la méthode POST.');
