/**
 * Where a build is deployed, chosen by PASSERELLE_DEPLOY_TARGET: the same site, static pages and
 * all, with the adapter of that platform for the routes rendered on demand.
 * - `node` (default): `npm run serve`, or Caddy in front of it (deploy/Caddyfile);
 * - `netlify`: the publish folder is dist/, the function .netlify/v1/functions/ssr/;
 * - `vercel`: everything in .vercel/output/ (Build Output API).
 */

export const DEPLOY_TARGETS = ['node', 'netlify', 'vercel'] as const;

export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

/** The target a variable names; unset or empty is `node`; anything else stops the build with a French message. */
export function deployTarget(value: string | undefined): DeployTarget {
  const wanted = (value ?? '').trim().toLowerCase() || 'node';
  const target = DEPLOY_TARGETS.find((candidate) => candidate === wanted);
  if (!target) throw new Error(`PASSERELLE_DEPLOY_TARGET vaut « ${value} » : écrivez ${DEPLOY_TARGETS.join(', ')} (node par défaut).`);
  return target;
}
