/**
 * The pure core of contributions: the form becomes a service file that content:check accepts as is,
 * a correction keeps the file's comments and lists its changes, the opt-in link is signed and bound
 * to its service's entry, and the content schema requires the consent's provenance.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_PARSE_OPTIONS } from '../../src/lib/content/content-errors.ts';
import { serviceSchema, type ServiceInput } from '../../src/lib/content/service-schema.ts';
import { contributionChange, optInChange, publishedAddress, withOrientation } from '../../src/lib/contribution/contribution-change.ts';
import { fileFromMessage, renderConfirmationEmail, renderModeratorEmail } from '../../src/lib/contribution/contribution-email.ts';
import {
  CONTRIBUTION_FIELDS as F,
  CONTRIBUTION_MESSAGES,
  contributionErrorsBeforeSending,
  contributionFromForm,
  formValuesOfService,
  type ContributionContext,
  type FormFields,
} from '../../src/lib/contribution/contribution-form.ts';
import { entryHash, signOptIn, TOKEN_MESSAGES, verifyOptIn, type OptInClaim } from '../../src/lib/contribution/contribution-token.ts';
import { loadContent, parseYaml } from '../../scripts/lib/content-files.ts';

const FIXTURE_CONTENT = new URL('../fixtures/content-check/content/', import.meta.url).pathname;
const NOW = Date.parse('2026-12-05T10:00:00Z');
const CURRENT_TEXT = readFileSync(join(FIXTURE_CONTENT, 'services/espace-fictif-des-tilleuls.yaml'), 'utf8');
const CURRENT = parseYaml(CURRENT_TEXT) as ServiceInput;

const context = (extra: Partial<ContributionContext> = {}): ContributionContext => ({
  serviceIds: new Set(['espace-fictif-des-tilleuls', 'relais-fictif-du-phare']),
  organisations: [{ id: 'association-fictive', name: 'Association fictive' }],
  now: NOW,
  ...extra,
});

/** A complete proposal of a new service, as the form posts it; `change` replaces or removes fields. */
function proposal(change: Record<string, string | undefined> = {}): FormFields {
  const fields: Record<string, string | undefined> = {
    kind: 'nouveau',
    [F.name]: 'Point rencontre fictif de Saint-Pol',
    [`${F.kindsPrefix}espace-rencontre`]: 'on',
    [F.summary]: 'Un lieu neutre où les enfants retrouvent le parent avec qui ils ne vivent pas.',
    [F.commune]: 'Saint-Pol-sur-Ternoise',
    [F.address]: '3 place fictive',
    [F.phone]: '03 21 00 00 09',
    [F.website]: 'https://exemple.test/point-rencontre',
    [F.openingHours]: 'Sa 09:00-12:00',
    [`${F.accessPrefix}decision-jaf`]: 'on',
    [F.feesKind]: 'gratuit',
    [F.manager]: 'Association fictive',
    [F.sourceUrl]: 'https://exemple.test/point-rencontre',
    [F.contributorName]: 'Dominique',
    [F.contributorRole]: 'federation',
    [F.contributorEmail]: 'dominique@exemple.test',
    [F.startedAt]: String(NOW - 60_000),
    ...change,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as FormFields;
}

/** Writes a file next to the fixture content and runs the content check on the folder. */
function checkWith(id: string, yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-contribution-'));
  cpSync(FIXTURE_CONTENT, dir, { recursive: true });
  writeFileSync(join(dir, 'services', `${id}.yaml`), yaml);
  return loadContent(dir, new Date(NOW));
}

describe('a proposed service', () => {
  it('becomes a file that content:check accepts as is, with its source and date, without the contributor', () => {
    const parsed = contributionFromForm(proposal(), context());
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    const change = contributionChange(parsed.contribution);
    expect(change.path).toBe('content/services/point-rencontre-fictif-de-saint-pol-saint-pol-sur-ternoise.yaml');
    const loaded = checkWith(change.serviceId, change.yaml);
    expect(loaded.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
    const service = loaded.services.find((s) => s.id === change.serviceId);
    expect(service?.locations[0]?.communeCode).toBe('62767');
    expect(service?.organisation).toBe('association-fictive');
    expect(service?.lastChecked).toBe('2026-12-05');
    expect(service?.sources).toEqual([{ url: 'https://exemple.test/point-rencontre', title: 'proposé par une fédération le 2026-12-05' }]);
    expect(change.yaml).not.toContain('dominique');
    expect(change.yaml).not.toContain('Dominique');
  });

  it('takes the manager’s own word as its source only from the manager', () => {
    const manager = contributionFromForm(
      proposal({ [F.sourceUrl]: undefined, [F.sourceIsManager]: 'on', [F.contributorRole]: 'gestionnaire' }),
      context(),
    );
    expect(manager.ok && manager.contribution.input.sources[0]).toMatchObject({ title: 'proposé par le service le 2026-12-05' });
    const other = contributionFromForm(proposal({ [F.sourceUrl]: undefined, [F.sourceIsManager]: 'on' }), context());
    expect(other).toEqual({ ok: false, errors: { [F.sourceIsManager]: CONTRIBUTION_MESSAGES.sourceManagerRole } });
  });

  const refusals: [string, Record<string, string | undefined>, string, RegExp][] = [
    ['no source', { [F.sourceUrl]: undefined }, F.sourceUrl, /au moins une source/],
    ['an unknown commune', { [F.commune]: 'Villefictive-sur-Test' }, F.commune, /Commune introuvable/],
    ['a script in a field', { [F.name]: 'Point <script>alert(1)</script>' }, F.name, /balise/],
    ['a line break in a one-line field', { [F.phone]: '03 21 00 00 09\r\nBcc: x@exemple.test' }, F.phone, /une ligne/],
    [
      'a line break in the contributor’s address',
      { [F.contributorEmail]: 'a@exemple.test\nBcc: b@exemple.test' },
      F.contributorEmail,
      /une ligne/,
    ],
    ['a wrong phone number', { [F.phone]: '12' }, F.phone, /n’est pas un numéro de téléphone français valide/],
    ['a summary too short', { [F.summary]: 'Court.' }, F.summary, /au moins 20 caractères/],
    ['no kind', { [`${F.kindsPrefix}espace-rencontre`]: undefined }, 'kinds', /au moins un type/],
    ['no contributor address', { [F.contributorEmail]: undefined }, F.contributorEmail, /adresse e-mail valide/],
    ['wrong opening hours', { [F.openingHours]: 'le samedi matin' }, F.openingHours, /opening_hours/],
    ['the honeypot filled', { [F.honeypot]: 'https://spam.test' }, '_form', /champ caché/],
    ['a form sent at once', { [F.startedAt]: String(NOW - 500) }, '_form', /trop vite/],
    ['an over-long field', { [F.name]: 'x'.repeat(300) }, F.name, /trop long/],
  ];
  it.each(refusals)('refuses %s with a French message on its field', (_what, change, field, message) => {
    const parsed = contributionFromForm(proposal(change), context());
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[field]).toMatch(message);
  });
});

describe('a correction', () => {
  const correction = (change: Record<string, string | undefined>) =>
    contributionFromForm(
      proposal({
        kind: 'correction',
        serviceId: 'espace-fictif-des-tilleuls',
        [F.name]: CURRENT.name,
        [`${F.kindsPrefix}mediation-familiale`]: 'on',
        [F.summary]: CURRENT.summary,
        [F.commune]: '',
        [F.address]: '1 rue des Tilleuls',
        [F.postalCode]: '62000',
        [F.phone]: '03 21 00 00 00',
        [F.email]: 'contact@association-fictive.test',
        [F.website]: 'https://association-fictive.test/espace',
        [F.openingHours]: 'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
        [`${F.accessPrefix}demarche-spontanee`]: 'on',
        [F.feesKind]: 'bareme-national',
        [F.manager]: 'association-fictive',
        ...change,
      }),
      context({ current: CURRENT }),
    );

  it('updates the file in place, comments kept, and lists the change field by field', () => {
    const parsed = correction({ [F.phone]: '03 21 99 99 99' });
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    const data = serviceSchema.parse(CURRENT);
    const change = contributionChange(parsed.contribution, { input: CURRENT, data, text: CURRENT_TEXT });
    expect(change.yaml.startsWith('# Service fictif pour les tests de content:check (jamais publié).\n')).toBe(true);
    expect(change.yaml).toMatch(/^ {2}phone: "?03 21 99 99 99"?$/m);
    expect(change.yaml).toContain('name: Maison fictive');
    expect(change.changes.map((c) => c.field)).toEqual(['contact', 'sources', 'lastChecked']);
    expect(change.changes[0]?.after).toContain('03 21 99 99 99');
    expect(checkWith('espace-fictif-des-tilleuls', change.yaml).problems.filter((p) => p.severity === 'erreur')).toEqual([]);
  });

  it('refuses a correction that changes nothing, and an unknown service', () => {
    expect(correction({})).toEqual({ ok: false, errors: { _form: CONTRIBUTION_MESSAGES.noChange } });
    const unknown = contributionFromForm(proposal({ kind: 'correction', serviceId: 'inconnu' }), context());
    expect(unknown).toEqual({ ok: false, errors: { _form: CONTRIBUTION_MESSAGES.unknownService } });
  });
});

describe('the browser’s check before sending', () => {
  it('gives the server’s errors and messages for the same fields, leaving the anti-robot checks to the server', () => {
    const bad = proposal({ [F.sourceUrl]: undefined, [F.contributorEmail]: 'pas-une-adresse', [F.website]: 'pas une adresse' });
    const server = contributionFromForm(bad, context());
    if (server.ok) throw new Error('la proposition devait être refusée');
    expect(contributionErrorsBeforeSending(bad, undefined, NOW).errors).toEqual(server.errors);
    expect(server.errors[F.sourceUrl]).toBe(CONTRIBUTION_MESSAGES.source);
    // Sent at once, with a start time from another clock, or with the hidden field filled: the server decides.
    const hurried = proposal({ [F.startedAt]: String(NOW + 3_600_000), [F.honeypot]: 'rempli' });
    expect(contributionFromForm(hurried, context()).ok).toBe(false);
    expect(contributionErrorsBeforeSending(hurried, undefined, NOW)).toEqual({ errors: {} });
    expect(contributionErrorsBeforeSending(proposal({ [F.commune]: 'Saint-Pol' }), undefined, NOW).communeChoices?.length).toBeGreaterThan(
      1,
    );
  });

  it('checks a correction against the entry it starts from', () => {
    const unchanged = {
      ...formValuesOfService(CURRENT, []),
      kind: 'correction',
      [F.serviceId]: 'espace-fictif-des-tilleuls',
      [F.sourceUrl]: 'https://exemple.test/x',
      [F.contributorName]: 'Claude',
      [F.contributorRole]: 'autre',
      [F.contributorEmail]: 'claude@exemple.test',
    };
    expect(contributionErrorsBeforeSending(unchanged, CURRENT, NOW).errors).toEqual({ _form: CONTRIBUTION_MESSAGES.noChange });
    expect(contributionErrorsBeforeSending({ ...unchanged, [F.phone]: '03 21 99 99 99' }, CURRENT, NOW)).toEqual({ errors: {} });
    expect(contributionErrorsBeforeSending({ ...unchanged, [F.phone]: '03 21 99 99 99' }, undefined, NOW).errors).toEqual({
      _form: CONTRIBUTION_MESSAGES.unknownService,
    });
  });
});

describe('the prefilled correction form', () => {
  it('shows what a person can know, never a protected place’s address', () => {
    const values = formValuesOfService(CURRENT, [{ id: 'association-fictive', name: 'Association fictive des Tilleuls' }]);
    expect(values).toMatchObject({
      [F.name]: 'Espace fictif des Tilleuls',
      [F.commune]: 'Arras',
      [F.address]: '1 rue des Tilleuls',
      [F.manager]: 'Association fictive des Tilleuls',
      [`${F.kindsPrefix}espace-rencontre`]: 'on',
    });
    const [place] = CURRENT.locations;
    const hidden = formValuesOfService({ ...CURRENT, locations: [{ ...(place as NonNullable<typeof place>), confidential: true }] }, []);
    expect(hidden[F.address]).toBeUndefined();
    expect(hidden[F.postalCode]).toBeUndefined();
    expect(JSON.stringify(hidden)).not.toContain('rue des Tilleuls');
  });
});

describe('the opt-in link', () => {
  const SECRET = 'secret-de-test-assez-long';
  const claim = async (extra: Partial<OptInClaim> = {}): Promise<OptInClaim> => ({
    serviceId: 'espace-fictif-des-tilleuls',
    entryHash: await entryHash(CURRENT),
    confirmedBy: 'contact@association-fictive.test',
    email: 'orientation@association-fictive.test',
    acceptedAccess: ['decision-jaf'],
    expiresAt: NOW / 1000 + 5 * 86_400,
    ...extra,
  });
  const expected = async (extra: Partial<Parameters<typeof verifyOptIn>[1]> = {}) => ({
    serviceId: 'espace-fictif-des-tilleuls',
    currentHash: await entryHash(CURRENT),
    secret: SECRET,
    now: NOW + 3_600_000,
    ...extra,
  });

  it('verifies a token it signed', async () => {
    const token = await signOptIn(await claim(), SECRET);
    expect(await verifyOptIn(token, await expected())).toEqual({ ok: true, claim: await claim() });
  });

  it('refuses an altered, forged, expired, misdirected or spent token with a French message', async () => {
    const token = await signOptIn(await claim(), SECRET);
    const [payload, signature] = token.split('.') as [string, string];
    const altered = `${Buffer.from(JSON.stringify({ ...(await claim()), email: 'pirate@exemple.test' })).toString('base64url')}.${signature}`;
    expect(await verifyOptIn(altered, await expected())).toMatchObject({ ok: false, reason: 'forge', message: TOKEN_MESSAGES.forge });
    expect(await verifyOptIn(await signOptIn(await claim(), 'un-autre-secret'), await expected())).toMatchObject({ reason: 'forge' });
    expect(await verifyOptIn(`${payload}.`, await expected())).toMatchObject({ reason: 'forge' });
    expect(await verifyOptIn('n’importe quoi', await expected())).toMatchObject({ reason: 'forge' });
    expect(await verifyOptIn(token, await expected({ now: NOW + 6 * 86_400_000 }))).toMatchObject({
      reason: 'expire',
      message: TOKEN_MESSAGES.expire,
    });
    expect(await verifyOptIn(token, await expected({ serviceId: 'relais-fictif-du-phare' }))).toMatchObject({ reason: 'autre-service' });
    const applied = withOrientation(CURRENT, await claim(), '2026-12-05', 'lien-confirme');
    expect(await verifyOptIn(token, await expected({ currentHash: await entryHash(applied) }))).toMatchObject({ reason: 'deja-appliquee' });
  });

  it('goes to the published address only, and its change adds the orientation block with its provenance', async () => {
    const data = serviceSchema.parse(CURRENT);
    const to = publishedAddress(data, [{ id: 'association-fictive', email: 'siege@association-fictive.test' }]);
    expect(to).toBe('contact@association-fictive.test');
    expect(publishedAddress({ ...data, contact: {} }, [{ id: 'association-fictive', email: 'siege@association-fictive.test' }])).toBe(
      'siege@association-fictive.test',
    );
    expect(publishedAddress({ ...data, contact: {} }, [])).toBeUndefined();

    const after = withOrientation(CURRENT, await claim(), '2026-12-05', 'lien-confirme');
    const change = optInChange(
      { id: 'espace-fictif-des-tilleuls', input: CURRENT, data, text: CURRENT_TEXT },
      after,
      serviceSchema.parse(after),
    );
    expect(change.changes.map((c) => c.field)).toEqual(['orientation']);
    const loaded = checkWith('espace-fictif-des-tilleuls', change.yaml);
    expect(loaded.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
    expect(loaded.services.find((s) => s.id === 'espace-fictif-des-tilleuls')?.orientation).toEqual({
      email: 'orientation@association-fictive.test',
      acceptedAccess: ['decision-jaf'],
      consent: { date: '2026-12-05', channel: 'lien-confirme', confirmedBy: 'contact@association-fictive.test' },
    });
    const message = renderConfirmationEmail({
      serviceName: data.name,
      to: to as string,
      link: 'https://passerelle.test/contribuer/confirmer/?jeton=abc',
      email: 'orientation@association-fictive.test',
      acceptedAccess: ['decision-jaf'],
    });
    expect(message.to).toBe('contact@association-fictive.test');
    expect(message.text).toContain('https://passerelle.test/contribuer/confirmer/?jeton=abc');
  });
});

describe('the consent’s provenance in the content schema', () => {
  const withBlock = (orientation: unknown) => serviceSchema.safeParse({ ...CURRENT, orientation }, CONTENT_PARSE_OPTIONS);

  it('refuses an orientation block without its consent, or a confirmed link without the address that confirmed', () => {
    const missing = withBlock({ email: 'o@exemple.test', acceptedAccess: ['decision-jaf'] });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['orientation', 'consent']);
    expect(missing.error?.issues[0]?.message).toMatch(/obligatoire et manque/);
    const notAnAddress = withBlock({
      email: 'o@exemple.test',
      acceptedAccess: ['decision-jaf'],
      consent: { date: '2026-12-01', channel: 'lien-confirme', confirmedBy: 'Mme Martin' },
    });
    expect(notAnAddress.error?.issues[0]?.message).toMatch(/adresse e-mail publiée/);
  });

  it('accepts a consent received on paper, described in words', () => {
    expect(
      withBlock({
        email: 'o@exemple.test',
        acceptedAccess: ['decision-jaf'],
        consent: { date: '2026-12-01', channel: 'courrier', confirmedBy: 'Directrice, courrier signé classé par la fédération' },
      }).success,
    ).toBe(true);
  });
});

describe('the moderators’ message', () => {
  it('attaches the file as <service id>.yaml, keeps its text short, escapes the HTML and keeps the subject on one line', () => {
    const parsed = contributionFromForm(proposal({ [F.note]: 'Merci <b>beaucoup</b>' }), context());
    // The note is refused (markup), so the message is built from a valid proposal with a plain note.
    expect(parsed.ok).toBe(false);
    const valid = contributionFromForm(proposal({ [F.note]: 'Horaires d’été & d’hiver "identiques"' }), context());
    if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
    const change = contributionChange(valid.contribution);
    const message = renderModeratorEmail({
      change,
      contributor: valid.contribution.contributor,
      ...(valid.contribution.note ? { note: valid.contribution.note } : {}),
      moderators: 'moderation@exemple.test',
    });
    expect(message.to).toBe('moderation@exemple.test');
    expect(message.replyTo).toBe('dominique@exemple.test');
    expect(message.subject).toBe('[Passerelle] Nouveau service : Point rencontre fictif de Saint-Pol');
    expect(fileFromMessage(message)).toEqual({ path: change.path, yaml: change.yaml });
    expect(message.attachments?.map((a) => a.filename)).toEqual([`${change.serviceId}.yaml`]);
    expect(message.text).not.toContain(change.yaml.trim().split('\n')[0]);
    expect(message.text).toContain(`joint à ce message (${change.serviceId}.yaml)`);
    expect(renderModeratorEmail({ change, moderators: 'moderation@exemple.test', inPullRequest: true }).text).toContain(
      'est dans cette demande de fusion',
    );
    expect(message.html).toContain('d’été &amp; d’hiver &quot;identiques&quot;');
  });
});
