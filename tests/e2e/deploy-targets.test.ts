/**
 * One build, three targets: the trust fixtures (referral services) built for Node, Netlify and Vercel,
 * and the referral contract's valid request and three bad ones sent to each (Netlify's function called
 * with a Web Request, Vercel's through Node's req/res, the Node server over HTTP): the same statuses
 * and the same bodies everywhere. `npm test` checks the Node server (on the shared trust fixture
 * site); the Netlify and Vercel builds, several minutes, run in `npm run test:full`
 * (PASSERELLE_FULL_SWEEP=1).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFixtureTarget,
  loadNetlifyFunction,
  serveVercelFunction,
  vercelFunctionEntry,
  type NetlifyFunction,
} from '../support/deploy-targets.ts';
import { validReferralRequest } from '../support/referral-fixtures.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';
import { buildTrustSite } from '../support/trust-site.ts';

/** Whether the Netlify and Vercel builds run (npm run test:full). */
const ALL_TARGETS = process.env.PASSERELLE_FULL_SWEEP === '1';

const SUBMISSION_ID = '0d7a4c5e-2b1f-4c3d-9e8f-1a2b3c4d5e6f';
const NETLIFY_URL = 'https://passerelle.netlify.app';

let node: ServedSite;
let netlify: NetlifyFunction;
let vercel: { url: string; close: () => Promise<void> };

interface Call {
  label: string;
  contentType: string;
  body: string;
  /** Whether the request carries the site's Origin (a browser form post always does). */
  origin: boolean;
}

const valid = (change: Record<string, unknown> = {}): string =>
  JSON.stringify(validReferralRequest({ submissionId: SUBMISSION_ID, ...change }));

const CALLS: Call[] = [
  { label: 'a valid request', contentType: 'application/json', body: valid(), origin: true },
  {
    label: 'no consent',
    contentType: 'application/json',
    body: valid({ consent: false, submissionId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4' }),
    origin: true,
  },
  { label: 'a wrong Content-Type', contentType: 'text/plain', body: valid(), origin: true },
  { label: 'a form post without Origin', contentType: 'application/x-www-form-urlencoded', body: 'violence=non', origin: false },
];

interface Answer {
  status: number;
  type: string | null;
  body: unknown;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  const type = response.headers.get('content-type');
  return { status: response.status, type, body: type?.includes('json') ? JSON.parse(text) : text };
}

function request(base: string, call: Call): Request {
  const headers: Record<string, string> = { 'Content-Type': call.contentType, Accept: 'application/json' };
  if (call.origin) headers.Origin = base;
  return new Request(`${base}/api/orientation/`, { method: 'POST', headers, body: call.body });
}

// The variables this file sets, and what they were: put back after it, for the next file of the worker.
const savedEnv = { RESEND_API_KEY: process.env.RESEND_API_KEY, OUTBOX_DIR: process.env.OUTBOX_DIR };

beforeAll(async () => {
  // Without a Resend key every target writes to an outbox; the functions read this process's environment.
  process.env.RESEND_API_KEY = '';
  process.env.OUTBOX_DIR = mkdtempSync(join(tmpdir(), 'passerelle-deploy-outbox-'));
  // DEPLOY_TARGETS_REUSE=1 keeps the builds of an earlier run (the three take several minutes).
  const reuse = process.env.DEPLOY_TARGETS_REUSE === '1';
  node = await serveSite(await buildTrustSite());
  if (!ALL_TARGETS) return;
  buildFixtureTarget('netlify', { reuse });
  netlify = await loadNetlifyFunction();
  buildFixtureTarget('vercel', { reuse });
  vercel = await serveVercelFunction(vercelFunctionEntry());
}, 1_200_000);

afterAll(async () => {
  await node?.stop();
  await vercel?.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** What the contract says for each call, in order. */
const CONTRACT_STATUSES = [200, 422, 415, 403];

describe.skipIf(!ALL_TARGETS)('the referral endpoint on the three targets', () => {
  it.each(CALLS.map((call) => [call.label, call] as const))('answers %s the same way on Node, Netlify and Vercel', async (_label, call) => {
    const onNode = await answer(await fetch(request(node.baseUrl, call)));
    const onNetlify = await answer(await netlify(request(NETLIFY_URL, call), { ip: '203.0.113.7', requestId: 'essai' }));
    const onVercel = await answer(await fetch(request(vercel.url, call)));
    expect(onNetlify).toEqual(onNode);
    expect(onVercel).toEqual(onNode);
  });

  it('sends what the contract says for each (so that "the same" is not the same failure)', async () => {
    const statuses = [];
    for (const call of CALLS) statuses.push((await fetch(request(vercel.url, call))).status);
    expect(statuses).toEqual(CONTRACT_STATUSES);
  });
});

describe('the referral endpoint on the Node server', () => {
  it('sends what the contract says for each', async () => {
    const statuses = [];
    for (const call of CALLS) statuses.push((await fetch(request(node.baseUrl, call))).status);
    expect(statuses).toEqual(CONTRACT_STATUSES);
  });
});
