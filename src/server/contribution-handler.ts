/**
 * POST /api/contribution, independent of Astro so that it can be tested directly: the same protections
 * as the referral endpoint (Origin, per-client limit, body limit and parsing, honeypot and fill time,
 * per-address limit), then the change: to the moderators by e-mail, or as a pull request when a forge
 * is configured; for an opt-in, first a confirmation link to the service's published address.
 * Nothing about the contributor is kept once the message is written.
 */
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import type { Organisation } from '../lib/content/organisation-schema.ts';
import { serviceSchema, type Service, type ServiceData, type ServiceInput } from '../lib/content/service-schema.ts';
import {
  contributionChange,
  optInChange,
  publishedAddress,
  withOrientation,
  type ContentChange,
} from '../lib/contribution/contribution-change.ts';
import { renderConfirmationEmail, renderModeratorEmail } from '../lib/contribution/contribution-email.ts';
import {
  CONTRIBUTION_FIELDS,
  contributionFromForm,
  FORM_ERROR_KEY,
  isoDay,
  type Contribution,
  type FieldErrors,
  type FormFields,
} from '../lib/contribution/contribution-form.ts';
import { entryHash, signOptIn, verifyOptIn } from '../lib/contribution/contribution-token.ts';
import { CONTRIBUTION_LIMITS, CONTRIBUTION_PATHS } from '../lib/contribution/contribution-vocabulary.ts';
import type { CommuneChoice } from '../lib/referral/referral-form.ts';
import { rateLimitKey } from './client-address.ts';
import type { ContentForge } from './contribution-forge.ts';
import { withSender, type MailTransport } from './mail-transport.ts';
import { sendForModeration } from './moderation-delivery.ts';
import { clientKey, type RateLimit } from './referral-limits.ts';
import { parseReferralBody } from './request-body.ts';

/** What the contributor reads. */
export type ContributionAnswer =
  | { status: 'transmise'; message: string; serviceId: string; pullRequestUrl?: string }
  | { status: 'lien-envoye'; message: string; serviceId: string; to: string }
  | { status: 'invalide'; errors: FieldErrors; communeChoices?: CommuneChoice[] }
  | { status: 'refusee'; error: string };

export type ContributionOutcome =
  | { status: 200; body: Extract<ContributionAnswer, { status: 'transmise' | 'lien-envoye' }> }
  | { status: 422; body: Extract<ContributionAnswer, { status: 'invalide' }> }
  | { status: 403 | 413 | 415 | 429 | 503; body: Extract<ContributionAnswer, { status: 'refusee' }>; retryAfterSeconds?: number };

export interface HandledContribution {
  outcome: ContributionOutcome;
  format: 'form' | 'json';
  /** The fields as posted, to show again in the form (never the honeypot). */
  fields?: FormFields;
}

export interface ContributionLimiters {
  /** Requests by client (see rateLimitKey). */
  client: RateLimit;
  /** Messages by e-mail address, the contributor's or a service's published one (counted under a hash). */
  address: RateLimit;
}

export interface ContributionDependencies {
  content: () => Promise<{ services: readonly Service[]; organisations: readonly Organisation[] }>;
  /** A service file's text as its folder or forge holds it, to keep its comments; undefined when unknown. */
  serviceFileText: (id: string) => Promise<string | undefined>;
  transport: MailTransport;
  mailFrom: string;
  /** CONTRIBUTION_MODERATORS_EMAIL */
  moderators: string;
  /** CONTRIBUTION_SECRET: signs the opt-in links. */
  secret: string;
  /** The site's address, for the confirmation link ("https://passerelle.fr"). */
  siteUrl: string;
  /** Set when a forge token and repository are configured: the change becomes a pull request. */
  forge?: ContentForge;
  limiters: ContributionLimiters;
  now?: () => number;
  log?: (line: string) => void;
}

export const CONTRIBUTION_ERRORS = {
  origin:
    'Cette contribution ne vient pas du formulaire de Passerelle : elle n’est pas acceptée. Ouvrez la page « Contribuer » du site puis renvoyez-la.',
  rate: 'Trop de contributions envoyées depuis votre connexion en peu de temps : patientez une minute puis réessayez.',
  address: 'Trop de messages envoyés à cette adresse cette heure-ci : réessayez dans une heure.',
  sendFailed: 'Votre contribution n’a pas pu être transmise pour le moment : rien n’a été enregistré. Réessayez dans quelques minutes.',
  json: 'Le corps de la demande doit être un objet dont chaque valeur est du texte.',
  alreadyConfirmed: 'Cette confirmation a déjà été transmise aux modérateurs : rien de plus n’a été envoyé.',
} as const;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** Whether the request comes from our own pages: no Origin (an old browser, a script), or the same host. */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === (request.headers.get('host') ?? new URL(request.url).host);
  } catch {
    return false;
  }
}

/** The entry of a service as its file holds it: the file itself when readable, else the published data. */
async function currentEntry(
  service: Service,
  deps: ContributionDependencies,
): Promise<{ input: ServiceInput; data: ServiceData; text?: string }> {
  const { id: _id, ...data } = service;
  const text = await deps.serviceFileText(service.id).catch(() => undefined);
  if (text !== undefined) {
    // YAML 1.1 like the content loader, so that the file reads here as the site reads it.
    const input: unknown = parse(text, { version: '1.1' });
    const parsed = serviceSchema.safeParse(input);
    if (parsed.success) return { input: input as ServiceInput, data: parsed.data, text };
  }
  return { input: data, data };
}

/** Fields from a JSON body: an object of strings, like the form posts. */
function fieldsFromJson(data: unknown): FormFields | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const fields = Object.create(null) as FormFields;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') return undefined;
    fields[key] = value;
  }
  return fields;
}

/** Reads and checks a request up to its fields: Origin, limits, body. */
async function readFields(
  request: Request,
  client: string,
  deps: ContributionDependencies,
): Promise<{ fields: FormFields; format: 'form' | 'json' } | HandledContribution> {
  const format = request.headers.get('content-type')?.toLowerCase().includes('json') ? 'json' : 'form';
  const refuse = (status: 403 | 413 | 415 | 429, error: string, retryAfterSeconds?: number): HandledContribution => {
    void request.body?.cancel().catch(() => undefined);
    return { format, outcome: { status, body: { status: 'refusee', error }, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } };
  };
  if (!sameOrigin(request)) return refuse(403, CONTRIBUTION_ERRORS.origin);
  const decision = await deps.limiters.client.hit(clientKey(rateLimitKey(client)));
  if (!decision.allowed) return refuse(429, CONTRIBUTION_ERRORS.rate, decision.retryAfterSeconds);
  const parsed = await parseReferralBody(request, CONTRIBUTION_LIMITS.bodyMaxBytes);
  if (!parsed.ok) {
    return parsed.status === 422
      ? { format, outcome: { status: 422, body: { status: 'invalide', errors: { [FORM_ERROR_KEY]: parsed.message } } } }
      : { format, outcome: { status: parsed.status, body: { status: 'refusee', error: parsed.message } } };
  }
  const fields = parsed.format === 'form' ? parsed.fields : fieldsFromJson(parsed.data);
  if (!fields)
    return { format, outcome: { status: 422, body: { status: 'invalide', errors: { [FORM_ERROR_KEY]: CONTRIBUTION_ERRORS.json } } } };
  return { fields, format };
}

const isHandled = (value: { fields: FormFields } | HandledContribution): value is HandledContribution => 'outcome' in value;

/** Handles a proposal, a correction or an opt-in request. `client` is the sender's IP address. */
export async function handleContribution(request: Request, client: string, deps: ContributionDependencies): Promise<HandledContribution> {
  const now = deps.now ?? Date.now;
  const read = await readFields(request, client, deps);
  if (isHandled(read)) return read;
  const { format } = read;
  const { [CONTRIBUTION_FIELDS.honeypot]: _honeypot, ...shown } = read.fields;
  const answered = (outcome: ContributionOutcome): HandledContribution => ({ format, fields: shown, outcome });

  if (read.fields[CONTRIBUTION_FIELDS.kind] === 'confirmation') return answered(await confirmOptIn(read.fields, { ...deps, now }));

  const content = await deps.content();
  const serviceId = read.fields[CONTRIBUTION_FIELDS.serviceId];
  const service = serviceId ? content.services.find((s) => s.id === serviceId) : undefined;
  const current = service ? await currentEntry(service, deps) : undefined;
  const parsed = contributionFromForm(read.fields, {
    serviceIds: new Set(content.services.map((s) => s.id)),
    organisations: content.organisations,
    now: now(),
    ...(current ? { current: current.input } : {}),
  });
  if (!parsed.ok)
    return answered({
      status: 422,
      body: { status: 'invalide', errors: parsed.errors, ...(parsed.communeChoices ? { communeChoices: parsed.communeChoices } : {}) },
    });
  const { contribution } = parsed;

  if (!(await deps.limiters.address.hit(sha256(contribution.contributor.email.toLowerCase()))).allowed)
    return answered({ status: 429, body: { status: 'refusee', error: CONTRIBUTION_ERRORS.address } });

  if (contribution.kind === 'orientation' && service && current)
    return answered(await requestOptIn(contribution, service, current, content.organisations, { ...deps, now }));
  const change = contributionChange(contribution, current);
  return answered(
    await deliver(change, contribution, sha256(`${change.path}\n${change.yaml}\n${contribution.contributor.email}`), { ...deps, now }),
  );
}

/**
 * An opt-in: a signed link to the address the content publishes for the service (never the one typed);
 * without one, the change goes to the moderators, to check by phone before merging.
 */
async function requestOptIn(
  contribution: Contribution,
  service: Service,
  current: { input: ServiceInput; data: ServiceData; text?: string },
  organisations: readonly Organisation[],
  deps: ContributionDependencies & { now: () => number },
): Promise<ContributionOutcome> {
  const orientation = contribution.orientation as NonNullable<Contribution['orientation']>;
  const published = publishedAddress(service, organisations);
  if (!published) {
    const phone = service.contact.phone
      ? `au numéro publié ${service.contact.phone}`
      : 'au numéro publié du service (la fiche n’en donne pas : cherchez-le)';
    const verifyByPhone = `le service ne publie aucune adresse e-mail : appelez-le ${phone} pour confirmer son accord, puis complétez consent avant de publier.`;
    const after = withOrientation(
      current.input,
      { ...orientation, confirmedBy: `à vérifier par téléphone ${phone}` },
      isoDay(deps.now()),
      'telephone',
    );
    const change = optInChange({ id: service.id, ...current }, after, serviceSchema.parse(after), verifyByPhone);
    return deliver(change, contribution, sha256(`${change.path}\n${change.yaml}\n${contribution.contributor.email}`), deps);
  }
  if (!(await deps.limiters.address.hit(sha256(published.toLowerCase()))).allowed)
    return { status: 429, body: { status: 'refusee', error: CONTRIBUTION_ERRORS.address } };
  const token = await signOptIn(
    {
      serviceId: service.id,
      entryHash: await entryHash(service),
      confirmedBy: published,
      email: orientation.email,
      acceptedAccess: orientation.acceptedAccess,
      expiresAt: Math.floor(deps.now() / 1000) + CONTRIBUTION_LIMITS.tokenValidityDays * 86_400,
    },
    deps.secret,
  );
  const link = new URL(
    `${CONTRIBUTION_PATHS.confirm}?service=${encodeURIComponent(service.id)}&jeton=${encodeURIComponent(token)}`,
    deps.siteUrl,
  ).href;
  const message = renderConfirmationEmail({
    serviceName: service.name,
    to: published,
    link,
    email: orientation.email,
    acceptedAccess: orientation.acceptedAccess,
  });
  const sent = await deps.transport.send(withSender(message, deps.mailFrom), {
    idempotencyKey: `contribution-lien-${sha256(token)}`,
    deadline: deps.now() + 8000,
  });
  if (!sent.ok) {
    deps.log?.(`Contribution : échec de l’envoi du lien de confirmation pour ${service.id} (${sent.reason}).`);
    return { status: 503, body: { status: 'refusee', error: CONTRIBUTION_ERRORS.sendFailed } };
  }
  return {
    status: 200,
    body: {
      status: 'lien-envoye',
      serviceId: service.id,
      to: published,
      message: `Un lien de confirmation a été envoyé à l’adresse publiée pour ce service (${published}). Ouvrez-le dans les ${CONTRIBUTION_LIMITS.tokenValidityDays} jours pour confirmer : la demande passera ensuite par les modérateurs.`,
    },
  };
}

/** A confirmation link followed: the token checked, then the change with the orientation block to the moderators. */
async function confirmOptIn(fields: FormFields, deps: ContributionDependencies & { now: () => number }): Promise<ContributionOutcome> {
  const serviceId = fields[CONTRIBUTION_FIELDS.serviceId] ?? '';
  const token = fields.jeton ?? '';
  const { services } = await deps.content();
  const service = services.find((s) => s.id === serviceId);
  const check = await verifyOptIn(token, {
    serviceId,
    currentHash: service ? await entryHash(service) : undefined,
    secret: deps.secret,
    now: deps.now(),
  });
  if (!check.ok || !service)
    return {
      status: 422,
      body: {
        status: 'invalide',
        errors: { [FORM_ERROR_KEY]: check.ok ? 'Ce service n’existe plus dans l’annuaire : rien n’a été changé.' : check.message },
      },
    };
  const current = await currentEntry(service, deps);
  const after = withOrientation(current.input, check.claim, isoDay(deps.now()), 'lien-confirme');
  const change = optInChange({ id: service.id, ...current }, after, serviceSchema.parse(after));
  // The same link followed again gives the same key: the transports and the forge send it once.
  return deliver(change, undefined, sha256(token), deps);
}

/** Sends a change for review: a pull request when a forge is configured, else a message to the moderators. */
async function deliver(
  change: ContentChange,
  contribution: Contribution | undefined,
  key: string,
  deps: ContributionDependencies & { now: () => number },
): Promise<ContributionOutcome> {
  const log = deps.log ?? ((line: string) => console.info(line));
  const note = contribution?.note;
  const unmatchedManager = contribution?.unmatchedManager;
  const done = (pullRequestUrl?: string): ContributionOutcome => ({
    status: 200,
    body: {
      status: 'transmise',
      serviceId: change.serviceId,
      message:
        change.kind === 'orientation' && !change.verifyByPhone
          ? 'C’est confirmé : la modification qui permet au service de recevoir les demandes d’orientation a été transmise aux modérateurs. Elle sera publiée après leur relecture.'
          : 'Merci : votre contribution a été transmise aux modérateurs. Elle sera publiée après leur relecture ; ils peuvent vous écrire s’ils ont une question.',
      ...(pullRequestUrl ? { pullRequestUrl } : {}),
    },
  });
  const failed: ContributionOutcome = { status: 503, body: { status: 'refusee', error: CONTRIBUTION_ERRORS.sendFailed } };
  const labels = ['contribution', `contribution:${change.kind}`, ...(change.verifyByPhone ? ['a-verifier-par-telephone'] : [])];
  const shared = { change, ...(note ? { note } : {}), ...(unmatchedManager ? { unmatchedManager } : {}), moderators: deps.moderators };
  // The pull request's description never names the contributor: the message to the moderators does.
  const result = await sendForModeration(
    {
      branch: `contribution/${change.kind}-${change.serviceId}-${key
        .slice(0, 12)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '0')}`,
      title: change.title,
      labels,
      files: [{ path: change.path, content: change.yaml }],
      forgeBody: renderModeratorEmail({ ...shared, inPullRequest: true }).text,
      message: renderModeratorEmail({ ...shared, ...(contribution ? { contributor: contribution.contributor } : {}) }),
      idempotencyKey: `contribution-${sha256(key)}`,
    },
    { ...(deps.forge ? { forge: deps.forge } : {}), transport: deps.transport, mailFrom: deps.mailFrom, now: deps.now },
  );
  const alreadyConfirmed = (pullRequestUrl?: string): ContributionOutcome => ({
    status: 200,
    body: {
      ...(done(pullRequestUrl).body as { status: 'transmise'; message: string; serviceId: string }),
      message: CONTRIBUTION_ERRORS.alreadyConfirmed,
    },
  });
  if (!result.ok) {
    log(
      `Contribution ${change.kind} ${change.serviceId} : ${result.via === 'forge' ? `échec de la forge (${result.reason})` : `échec de l’envoi aux modérateurs (${result.reason})`}.`,
    );
    return failed;
  }
  if (result.via === 'forge') {
    if (!result.created && change.kind === 'orientation' && !contribution) return alreadyConfirmed(result.url);
    log(`Contribution ${change.kind} ${change.serviceId} : demande de fusion ${result.url}`);
    return done(result.url);
  }
  if (result.alreadySent) return alreadyConfirmed();
  log(`Contribution ${change.kind} ${change.serviceId} : transmise aux modérateurs.`);
  return done();
}
