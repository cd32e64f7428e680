/**
 * POST /api/contribution without Astro: the handler on fixture content, with the real outbox
 * transport in a temporary folder and the real Octokit client against a local forge stand-in. What
 * reaches the moderators, what reaches a service's published address, and what is refused.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fileFromMessage } from '../../src/lib/contribution/contribution-email.ts';
import { CONTRIBUTION_FIELDS as F } from '../../src/lib/contribution/contribution-form.ts';
import { entryHash, signOptIn, TOKEN_MESSAGES } from '../../src/lib/contribution/contribution-token.ts';
import { CONTRIBUTION_ERRORS, handleContribution, type ContributionDependencies } from '../../src/server/contribution-handler.ts';
import { GitHubForge } from '../../src/server/contribution-forge.ts';
import { OutboxTransport } from '../../src/server/mail-outbox.ts';
import type { MailMessage } from '../../src/server/mail-transport.ts';
import { createRateLimit } from '../../src/server/referral-limits.ts';
import { loadContent } from '../../scripts/lib/content-files.ts';
import { startForgeStandIn, type ForgeStandIn } from '../support/forge-stand-in.ts';

const FIXTURE_CONTENT = new URL('../fixtures/content-check/content/', import.meta.url).pathname;
const NOW = Date.parse('2026-12-05T10:00:00Z');
const SECRET = 'secret-des-tests-de-contribution';
const SITE = 'http://passerelle.test';
const PUBLISHED = 'contact@association-fictive.test';

let contentDir: string;
let outbox: string;
let clock = NOW;
let forge: ForgeStandIn;

/** The content as the server reads it: the fixture folder, or a copy changed by a test. */
function content(dir = contentDir) {
  const loaded = loadContent(dir, new Date(NOW));
  return { services: loaded.services, organisations: loaded.organisations };
}

function deps(extra: Partial<ContributionDependencies> = {}): ContributionDependencies {
  return {
    content: () => Promise.resolve(content()),
    serviceFileText: (id) => Promise.resolve(readFileSync(join(contentDir, 'services', `${id}.yaml`), 'utf8')),
    transport: new OutboxTransport({ dir: outbox, log: () => {} }),
    mailFrom: 'Passerelle <contributions@passerelle.test>',
    moderators: 'moderation@passerelle.test',
    secret: SECRET,
    siteUrl: SITE,
    limiters: { client: createRateLimit('contribution-client', 1000, 60), address: createRateLimit('contribution-adresse', 1000, 3600) },
    now: () => clock,
    log: () => {},
    ...extra,
  };
}

const messages = (): MailMessage[] =>
  readdirSync(outbox)
    .filter((n) => n.endsWith('.json'))
    .map((n) => JSON.parse(readFileSync(join(outbox, n), 'utf8')) as MailMessage);

function post(fields: Record<string, string | undefined>, { origin = SITE, body }: { origin?: string; body?: string } = {}): Request {
  const form = new URLSearchParams(Object.entries(fields).filter((pair): pair is [string, string] => pair[1] !== undefined));
  return new Request(`${SITE}/api/contribution/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: body ?? form.toString(),
  });
}

const PROPOSAL = {
  kind: 'nouveau',
  [F.name]: 'Point rencontre fictif de Saint-Pol',
  [`${F.kindsPrefix}espace-rencontre`]: 'on',
  [F.summary]: 'Un lieu neutre où les enfants retrouvent le parent avec qui ils ne vivent pas.',
  [F.commune]: 'Saint-Pol-sur-Ternoise',
  [F.phone]: '03 21 00 00 09',
  [F.sourceUrl]: 'https://exemple.test/point-rencontre',
  [F.contributorName]: 'Dominique',
  [F.contributorRole]: 'federation',
  [F.contributorEmail]: 'dominique@exemple.test',
  [F.startedAt]: String(NOW - 60_000),
};

const OPT_IN = {
  kind: 'orientation',
  [F.serviceId]: 'espace-fictif-des-tilleuls',
  [F.orientationEmail]: 'demandes@exemple.test',
  [`${F.orientationAccessPrefix}decision-jaf`]: 'on',
  [F.sourceIsManager]: 'on',
  [F.contributorName]: 'Claude',
  [F.contributorRole]: 'gestionnaire',
  [F.contributorEmail]: 'claude@exemple.test',
  [F.startedAt]: String(NOW - 60_000),
};

beforeAll(async () => {
  forge = await startForgeStandIn();
});
afterAll(() => forge.close());

beforeEach(() => {
  clock = NOW;
  contentDir = mkdtempSync(join(tmpdir(), 'passerelle-contribution-content-'));
  cpSync(FIXTURE_CONTENT, contentDir, { recursive: true });
  outbox = mkdtempSync(join(tmpdir(), 'passerelle-contribution-outbox-'));
  forge.reset();
});

// The first request loads the territory data: more than the default 5 s on a loaded machine.
describe('with no forge configured', { timeout: 30_000 }, () => {
  it('sends a proposal to the moderators with a file that content:check accepts, and nothing else', async () => {
    const { outcome } = await handleContribution(post(PROPOSAL), '203.0.113.1', deps());
    expect(outcome.status).toBe(200);
    const [message, ...others] = messages();
    expect(others).toEqual([]);
    expect(message?.to).toBe('moderation@passerelle.test');
    expect(message?.replyTo).toBe('dominique@exemple.test');
    const file = fileFromMessage(message ?? {});
    expect(file?.path).toBe('content/services/point-rencontre-fictif-de-saint-pol-saint-pol-sur-ternoise.yaml');
    // The text stays short: the file is attached, and the outbox also writes it beside the message.
    expect(message?.text).not.toContain(file?.yaml.split('\n')[0]);
    expect(message?.attachments?.map((a) => a.filename)).toEqual(['point-rencontre-fictif-de-saint-pol-saint-pol-sur-ternoise.yaml']);
    const beside = readdirSync(outbox).filter((n) => n.endsWith('.point-rencontre-fictif-de-saint-pol-saint-pol-sur-ternoise.yaml'));
    expect(beside.map((n) => readFileSync(join(outbox, n), 'utf8'))).toEqual([file?.yaml]);
    expect(file?.yaml).not.toMatch(/dominique/i);
    writeFileSync(join(contentDir, file?.path.replace(/^content\//, '') ?? ''), file?.yaml ?? '');
    const loaded = loadContent(contentDir, new Date(NOW));
    expect(loaded.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
    expect(loaded.services.map((s) => s.id)).toContain('point-rencontre-fictif-de-saint-pol-saint-pol-sur-ternoise');
  });

  it('sends a correction with its change field by field, the file’s comments kept', async () => {
    const { outcome } = await handleContribution(
      post({
        kind: 'correction',
        [F.serviceId]: 'espace-fictif-des-tilleuls',
        [F.name]: 'Espace fictif des Tilleuls',
        [`${F.kindsPrefix}espace-rencontre`]: 'on',
        [`${F.kindsPrefix}mediation-familiale`]: 'on',
        [F.summary]: 'Un service inventé pour vérifier que le contrôle des fiches accepte une fiche complète.',
        [F.commune]: 'Arras',
        [F.communeCode]: '62041',
        [F.address]: '1 rue des Tilleuls',
        [F.postalCode]: '62000',
        [F.phone]: '03 21 99 99 99',
        [F.email]: PUBLISHED,
        [F.website]: 'https://association-fictive.test/espace',
        [F.openingHours]: 'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
        [`${F.accessPrefix}decision-jaf`]: 'on',
        [`${F.accessPrefix}demarche-spontanee`]: 'on',
        [F.feesKind]: 'bareme-national',
        [F.manager]: 'association-fictive',
        [F.sourceIsManager]: 'on',
        [F.contributorName]: 'Claude',
        [F.contributorRole]: 'gestionnaire',
        [F.contributorEmail]: 'claude@exemple.test',
        [F.startedAt]: String(NOW - 60_000),
      }),
      '203.0.113.1',
      deps(),
    );
    expect(outcome.status).toBe(200);
    const sent = messages()[0];
    const text = sent?.text ?? '';
    expect(text).toMatch(/^- coordonnées : « phone : 03 21 00 00 00, .* » → « phone : 03 21 99 99 99, /m);
    expect(text).toMatch(/^- date de vérification : « 2026-11-01 » → « 2026-12-05 »$/m);
    expect(fileFromMessage(sent ?? {})?.yaml.startsWith('# Service fictif pour les tests de content:check')).toBe(true);
  });

  it('sends the opt-in link to the published address only, and following it sends the orientation block with its provenance', async () => {
    const asked = await handleContribution(post(OPT_IN), '203.0.113.1', deps());
    expect(asked.outcome).toMatchObject({ status: 200, body: { status: 'lien-envoye', to: PUBLISHED } });
    const [confirmation, ...others] = messages();
    expect(others).toEqual([]);
    expect(confirmation?.to).toBe(PUBLISHED);
    expect(JSON.stringify(confirmation)).not.toContain('claude@exemple.test');
    const link = new URL(/http:\/\/passerelle\.test\/contribuer\/confirmer\/\S+/.exec(confirmation?.text ?? '')?.[0] ?? '');
    const token = link.searchParams.get('jeton') ?? '';

    clock = NOW + 3_600_000;
    const confirmed = await handleContribution(
      post({ kind: 'confirmation', serviceId: link.searchParams.get('service') ?? '', jeton: token }),
      '203.0.113.2',
      deps(),
    );
    expect(confirmed.outcome).toMatchObject({ status: 200, body: { status: 'transmise' } });
    const toModerators = messages().filter((m) => m.to === 'moderation@passerelle.test');
    expect(toModerators).toHaveLength(1);
    const file = fileFromMessage(toModerators[0] ?? {});
    writeFileSync(join(contentDir, 'services/espace-fictif-des-tilleuls.yaml'), file?.yaml ?? '');
    const after = loadContent(contentDir, new Date(NOW));
    expect(after.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
    expect(after.services.find((s) => s.id === 'espace-fictif-des-tilleuls')?.orientation).toEqual({
      email: 'demandes@exemple.test',
      acceptedAccess: ['decision-jaf'],
      consent: { date: '2026-12-05', channel: 'lien-confirme', confirmedBy: PUBLISHED },
    });

    // Once the change is in the content, the same link is spent.
    const count = messages().length;
    const replayed = await handleContribution(
      post({ kind: 'confirmation', serviceId: 'espace-fictif-des-tilleuls', jeton: token }),
      '203.0.113.2',
      deps(),
    );
    expect(replayed.outcome).toEqual({ status: 422, body: { status: 'invalide', errors: { _form: TOKEN_MESSAGES['deja-appliquee'] } } });
    expect(messages()).toHaveLength(count);
  });

  it('without a published address, sends the opt-in to the moderators to check by phone, and no link', async () => {
    const { outcome } = await handleContribution(post({ ...OPT_IN, [F.serviceId]: 'relais-fictif-du-phare' }), '203.0.113.1', deps());
    expect(outcome).toMatchObject({ status: 200, body: { status: 'transmise' } });
    const all = messages();
    expect(all.map((m) => m.to)).toEqual(['moderation@passerelle.test']);
    expect(all[0]?.subject).toContain('à vérifier par téléphone');
    expect(all[0]?.text).toContain('À VÉRIFIER PAR TÉLÉPHONE AVANT PUBLICATION');
  });
});

/** An opt-in claim on the fixture service as it is now; `extra` replaces fields. */
const claim = async (extra = {}) => ({
  serviceId: 'espace-fictif-des-tilleuls',
  entryHash: await entryHash(content().services.find((s) => s.id === 'espace-fictif-des-tilleuls')),
  confirmedBy: PUBLISHED,
  email: 'pirate@exemple.test',
  acceptedAccess: ['decision-jaf' as const],
  expiresAt: NOW / 1000 + 86_400,
  ...extra,
});

describe('refusals: a French message, nothing sent', () => {
  const cases: [string, () => Request | Promise<Request>, number, RegExp][] = [
    ['a proposal without a source', () => post({ ...PROPOSAL, [F.sourceUrl]: undefined }), 422, /au moins une source/],
    ['an unknown commune', () => post({ ...PROPOSAL, [F.commune]: 'Villefictive-sur-Test' }), 422, /Commune introuvable/],
    ['a script in a field', () => post({ ...PROPOSAL, [F.summary]: 'Bonjour <script>alert(1)</script> le monde entier' }), 422, /balise/],
    [
      'CR/LF in the contributor’s address',
      () => post({ ...PROPOSAL, [F.contributorEmail]: 'a@exemple.test\r\nBcc: b@exemple.test' }),
      422,
      /une ligne/,
    ],
    ['an oversized body', () => post({}, { body: `name=${'a'.repeat(40_000)}` }), 413, /trop volumineuse/],
    ['another site’s form', () => post(PROPOSAL, { origin: 'https://ailleurs.test' }), 403, /ne vient pas du formulaire/],
    ['the honeypot filled', () => post({ ...PROPOSAL, [F.honeypot]: 'x' }), 422, /champ caché/],
    [
      'a wrong token',
      () => post({ kind: 'confirmation', serviceId: 'espace-fictif-des-tilleuls', jeton: 'abc.def' }),
      422,
      /n’est pas valide/,
    ],
    [
      'an altered token',
      async () => {
        const [, signature] = (await signOptIn(await claim(), SECRET)).split('.');
        const payload = Buffer.from(JSON.stringify(await claim({ email: 'autre@exemple.test' }))).toString('base64url');
        return post({ kind: 'confirmation', serviceId: 'espace-fictif-des-tilleuls', jeton: `${payload}.${signature}` });
      },
      422,
      /n’est pas valide/,
    ],
    [
      'a token signed with another secret',
      async () =>
        post({
          kind: 'confirmation',
          serviceId: 'espace-fictif-des-tilleuls',
          jeton: await signOptIn(await claim(), 'un-autre-secret-de-test'),
        }),
      422,
      /n’est pas valide/,
    ],
    [
      'an expired token',
      async () =>
        post({
          kind: 'confirmation',
          serviceId: 'espace-fictif-des-tilleuls',
          jeton: await signOptIn(await claim({ expiresAt: NOW / 1000 - 1 }), SECRET),
        }),
      422,
      /expiré/,
    ],
    [
      'a token for another service',
      async () => post({ kind: 'confirmation', serviceId: 'relais-fictif-du-phare', jeton: await signOptIn(await claim(), SECRET) }),
      422,
      /un autre service/,
    ],
  ];
  it.each(cases)('refuses %s', async (_what, request, status, message) => {
    const { outcome } = await handleContribution(await request(), '203.0.113.1', deps());
    expect(outcome.status).toBe(status);
    const body = outcome.body as { errors?: Record<string, string>; error?: string };
    expect(body.error ?? Object.values(body.errors ?? {}).join(' ')).toMatch(message);
    expect(messages()).toEqual([]);
  });

  it('limits requests per client', async () => {
    const limited = deps({
      limiters: { client: createRateLimit('contribution-client', 2, 60), address: createRateLimit('contribution-adresse', 100, 3600) },
    });
    for (let i = 0; i < 2; i++) await handleContribution(post({ ...PROPOSAL, [F.sourceUrl]: undefined }), '203.0.113.9', limited);
    const { outcome } = await handleContribution(post(PROPOSAL), '203.0.113.9', limited);
    expect(outcome).toMatchObject({ status: 429, body: { error: CONTRIBUTION_ERRORS.rate } });
    expect(messages()).toEqual([]);
  });
});

describe('with a forge configured', () => {
  const withForge = () =>
    deps({
      forge: new GitHubForge({ token: 'jeton-de-test', repository: 'passerelle/contenu', baseUrl: forge.url }),
      serviceFileText: undefined as never,
    });

  it('opens a labelled pull request with the file on its own branch, and sends no e-mail', async () => {
    const { outcome } = await handleContribution(post(PROPOSAL), '203.0.113.1', {
      ...withForge(),
      serviceFileText: () => Promise.resolve(undefined),
    });
    expect(outcome).toMatchObject({
      status: 200,
      body: { status: 'transmise', pullRequestUrl: 'https://forge.test/passerelle/contenu/pull/1' },
    });
    expect(messages()).toEqual([]);
    const [pull] = forge.pulls;
    expect(pull).toMatchObject({
      title: 'Nouveau service : Point rencontre fictif de Saint-Pol',
      base: 'main',
      labels: ['contribution', 'contribution:nouveau'],
    });
    const file = forge.branches
      .get(pull?.head ?? '')
      ?.get('content/services/point-rencontre-fictif-de-saint-pol-saint-pol-sur-ternoise.yaml');
    expect(file).toContain('name: Point rencontre fictif de Saint-Pol');
    expect(pull?.body).not.toContain('dominique@exemple.test');
    expect(forge.requests.every((r) => r.authorization === 'token jeton-de-test')).toBe(true);
  });

  it('a confirmation followed twice opens one pull request, read from the forge’s copy of the file', async () => {
    forge.seed(
      'content/services/espace-fictif-des-tilleuls.yaml',
      readFileSync(join(contentDir, 'services/espace-fictif-des-tilleuls.yaml'), 'utf8'),
    );
    const forgeDeps = {
      ...withForge(),
      serviceFileText: (id: string) =>
        new GitHubForge({ token: 'jeton-de-test', repository: 'passerelle/contenu', baseUrl: forge.url }).fileText(
          `content/services/${id}.yaml`,
        ),
    };
    const token = await signOptIn(await claim({ email: 'demandes@exemple.test' }), SECRET);
    const first = await handleContribution(
      post({ kind: 'confirmation', serviceId: 'espace-fictif-des-tilleuls', jeton: token }),
      '203.0.113.1',
      forgeDeps,
    );
    const second = await handleContribution(
      post({ kind: 'confirmation', serviceId: 'espace-fictif-des-tilleuls', jeton: token }),
      '203.0.113.1',
      forgeDeps,
    );
    expect(first.outcome).toMatchObject({ status: 200, body: { status: 'transmise' } });
    expect(second.outcome).toMatchObject({ status: 200, body: { message: CONTRIBUTION_ERRORS.alreadyConfirmed } });
    expect(forge.pulls).toHaveLength(1);
    expect(forge.pulls[0]?.labels).toEqual(['contribution', 'contribution:orientation']);
    const file = forge.branches.get(forge.pulls[0]?.head ?? '')?.get('content/services/espace-fictif-des-tilleuls.yaml') ?? '';
    expect(file.startsWith('# Service fictif pour les tests de content:check')).toBe(true);
    expect(file).toContain('confirmedBy: contact@association-fictive.test');
  });

  it('answers 503 in French when the forge fails, and sends nothing', async () => {
    forge.failWith(500);
    const { outcome } = await handleContribution(post(PROPOSAL), '203.0.113.1', {
      ...withForge(),
      serviceFileText: () => Promise.resolve(undefined),
    });
    expect(outcome).toMatchObject({ status: 503, body: { error: CONTRIBUTION_ERRORS.sendFailed } });
    expect(messages()).toEqual([]);
  });
});
