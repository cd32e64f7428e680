/**
 * POST /api/orientation, independent of Astro so that it can be tested directly: rate limit, body,
 * validation, routing, then the two messages, once per submissionId and request. The answer is a
 * plain outcome that the route turns into JSON or into the form's HTML pages.
 */
import { createHash } from 'node:crypto';
import type { ViolenceAnswer } from '../lib/referral/referral-vocabulary.ts';
import type { Service } from '../lib/content/service-schema.ts';
import type {
  ConflictAnswer,
  InvalidAnswer,
  PublicService,
  RefusedAnswer,
  SendFailedAnswer,
  SentAnswer,
  SuccessAnswer,
} from '../lib/referral/referral-answer.ts';
import { resolveCommuneText } from '../lib/referral/referral-commune.ts';
import { renderAcknowledgementEmail, renderServiceEmail, referralReference } from '../lib/referral/referral-email.ts';
import {
  FORM_ERROR_KEY,
  FORM_EXPIRED_MESSAGE,
  FORM_FIELDS,
  formGuardErrors,
  requestInputFromForm,
  type CommuneChoice,
  type FieldErrors,
  type FormFields,
} from '../lib/referral/referral-form.ts';
import { messageIdempotencyKey, type SubmissionLedger } from '../lib/referral/referral-idempotency.ts';
import { PREFERRED_PROBLEM_TEXT, routeReferral, type RoutedService } from '../lib/referral/referral-routing.ts';
import { validateReferral, type ReferralRequest } from '../lib/referral/referral-schema.ts';
import { REFERRAL_LIMITS } from '../lib/referral/referral-vocabulary.ts';
import { servicePath } from '../lib/services/service-paths.ts';
import { rateLimitKey } from './client-address.ts';
import { withSender, type MailTransport } from './mail-transport.ts';
import { acknowledgementKey, clientKey, clientServiceKey, type ReferralLimiters } from './referral-limits.ts';
import { parseReferralBody } from './request-body.ts';

export type ReferralOutcome =
  | { status: 200; body: SuccessAnswer }
  | { status: 409; body: ConflictAnswer }
  | { status: 422; body: InvalidAnswer }
  | { status: 413 | 415 | 429; body: RefusedAnswer; retryAfterSeconds?: number }
  | { status: 503; body: SendFailedAnswer };

export interface HandledReferral {
  outcome: ReferralOutcome;
  /** How the request came: the browser form (answered in HTML unless JSON is asked for) or JSON. */
  format: 'form' | 'json';
  /** The fields as posted, to show again in the form (never the honeypot). */
  fields?: FormFields;
}

/**
 * What the ledger keeps of an outcome: everything but the person's answer to the violence question,
 * which a replay takes again from the request (identical, since its fingerprint is).
 */
export type RememberedOutcome = Exclude<ReferralOutcome, { status: 200 }> | { status: 200; body: Omit<SentAnswer, 'violence'> };

export interface ReferralDependencies {
  services: () => Promise<readonly Service[]>;
  transport: MailTransport;
  mailFrom: string;
  limiters: ReferralLimiters;
  ledger: SubmissionLedger<RememberedOutcome>;
  now?: () => number;
  /** Time allowed for sending both messages, retries included. */
  sendBudgetMs?: number;
  /** Never given the requester's name, address, phone or message. */
  log?: (line: string) => void;
}

export const RATE_LIMIT_MESSAGE = 'Trop de demandes envoyées depuis votre connexion en peu de temps : patientez une minute puis réessayez.';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** The fingerprint of a validated request: a retry with the same answers has the same one. */
export function requestFingerprint(request: ReferralRequest): string {
  return sha256(JSON.stringify(request));
}

/** "appelez directement le service au 03 21 00 00 01", or its website, for the French messages. */
function serviceContact(service: PublicService): string {
  if (service.phone) return `appelez directement le service au ${service.phone}`;
  return service.website ? `contactez directement le service (${service.website})` : 'contactez directement le service';
}

/** Public facts of a routed service, for answers and pages. */
export function publicService({ service, location, distanceKm }: RoutedService): PublicService {
  return {
    id: service.id,
    name: service.name,
    distanceKm,
    communeName: location.communeName,
    ...(service.contact.phone ? { phone: service.contact.phone } : {}),
    ...(service.contact.website ? { website: service.contact.website } : {}),
    ...(service.contact.email ? { email: service.contact.email } : {}),
    path: servicePath(service.id),
  };
}

/** Handles one request; `client` identifies the sender for the rate limit (its IP address). */
export async function handleReferral(request: Request, client: string, deps: ReferralDependencies): Promise<HandledReferral> {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line: string) => console.info(line));
  const format = request.headers.get('content-type')?.toLowerCase().includes('json') ? 'json' : 'form';

  const clientLimitKey = rateLimitKey(client);
  const decision = await deps.limiters.client.hit(clientKey(clientLimitKey));
  if (!decision.allowed) {
    void request.body?.cancel().catch(() => undefined);
    return {
      format,
      outcome: { status: 429, body: { status: 'refusee', error: RATE_LIMIT_MESSAGE }, retryAfterSeconds: decision.retryAfterSeconds },
    };
  }

  const parsed = await parseReferralBody(request, REFERRAL_LIMITS.bodyMaxBytes);
  if (!parsed.ok) {
    const outcome: ReferralOutcome =
      parsed.status === 422
        ? { status: 422, body: { status: 'invalide', errors: { [FORM_ERROR_KEY]: parsed.message } } }
        : { status: parsed.status, body: { status: 'refusee', error: parsed.message } };
    return { format, outcome };
  }

  let input: unknown;
  let conversionErrors: FieldErrors = {};
  let communeChoices: CommuneChoice[] | undefined;
  let fields: FormFields | undefined;
  if (parsed.format === 'form') {
    const { confirmation_site: _honeypot, ...kept } = parsed.fields;
    fields = kept;
    const guards = formGuardErrors(parsed.fields, now());
    const converted = requestInputFromForm(kept, resolveCommuneText);
    input = converted.input;
    conversionErrors = { ...converted.errors, ...guards };
    communeChoices = converted.communeChoices;
    // The honeypot and the fill time are checked first: a robot learns nothing else.
    if (Object.keys(guards).length) {
      // A form too old is shown again with a new start time, so that it can go once corrected.
      if (guards[FORM_ERROR_KEY] === FORM_EXPIRED_MESSAGE) delete kept[FORM_FIELDS.startedAt];
      return { format, fields: kept, outcome: { status: 422, body: { status: 'invalide', errors: guards } } };
    }
  } else {
    input = parsed.data;
  }
  const answered = (outcome: ReferralOutcome): HandledReferral => ({ format, ...(fields ? { fields } : {}), outcome });

  const validation = validateReferral(input, now);
  const errors: FieldErrors = { ...(validation.ok ? {} : validation.errors), ...conversionErrors };
  if (!validation.ok || Object.keys(errors).length) {
    return answered({ status: 422, body: { status: 'invalide', errors, ...(communeChoices ? { communeChoices } : {}) } });
  }
  const referral = validation.request;

  const routing = routeReferral(await deps.services(), referral);
  if (routing.status === 'unknown-commune') {
    return answered({
      status: 422,
      body: { status: 'invalide', errors: { communeCode: 'Ce code INSEE ne correspond à aucune commune : vérifiez-le.' } },
    });
  }
  const preferred = routing.preferredProblem ? { preferredServiceProblem: PREFERRED_PROBLEM_TEXT[routing.preferredProblem] } : {};
  if (routing.status === 'contact-directly') {
    return answered({
      status: 200,
      body: {
        status: 'a-contacter-directement',
        communeName: routing.commune.name,
        kind: referral.kind,
        excludedForViolence: routing.excludedForViolence,
        services: routing.suggestions.map(publicService),
        violence: referral.violence,
        ...preferred,
      },
    });
  }

  const run = await deps.ledger.run(referral.submissionId, requestFingerprint(referral), (receivedAt) =>
    sendReferral(referral, routing.target, routing.commune.name, receivedAt, clientLimitKey, { ...deps, now, log }).then((result) => ({
      value: result.status === 200 ? { ...result, body: { ...result.body, ...preferred } } : result,
      keep: result.status === 200,
    })),
  );
  if (run.status === 'changed') {
    const first = run.value.status === 200 ? run.value.body : undefined;
    log(`Orientation ${referralReference(referral.submissionId)} : renvoyée avec d’autres réponses, refusée (409).`);
    return answered(conflictOutcome(referral.submissionId, first?.service ?? publicService(routing.target)));
  }
  return answered(withViolence(run.value, referral.violence));
}

/** An outcome of the ledger with the person's answer to the violence question (see RememberedOutcome). */
function withViolence(outcome: RememberedOutcome, violence: ViolenceAnswer): ReferralOutcome {
  return outcome.status === 200 ? { status: 200, body: { ...outcome.body, violence } } : outcome;
}

/** 409: the submission already went to the service with other answers; what to do instead. */
function conflictOutcome(submissionId: string, service: PublicService): Extract<ReferralOutcome, { status: 409 }> {
  const reference = referralReference(submissionId);
  return {
    status: 409,
    body: {
      status: 'deja-envoyee',
      reference,
      service,
      error: `Cette demande (référence ${reference}) a déjà été envoyée au service « ${service.name} » avec d’autres réponses : vos modifications ne lui ont pas été transmises. Pour les lui donner, ${serviceContact(service)} ; ou renvoyez le formulaire, qui partira comme une nouvelle demande.`,
    },
  };
}

/**
 * Sends the two messages of a routed request. Their content depends only on the request and on
 * `receivedAt`, the submission's first arrival: a retry sends the same bytes under the same keys.
 */
async function sendReferral(
  request: ReferralRequest,
  target: RoutedService,
  communeName: string,
  receivedAt: number,
  clientLimitKey: string,
  deps: ReferralDependencies & { now: () => number; log: (line: string) => void },
): Promise<RememberedOutcome> {
  const deadline = deps.now() + (deps.sendBudgetMs ?? 8000);
  const context = {
    request,
    target,
    communeName,
    receivedAt: new Date(receivedAt),
    chosenByRequester: request.serviceId === target.service.id,
  };
  const reference = referralReference(request.submissionId);
  const service = publicService(target);

  // The client's share first: what one client is refused does not count against the service's allowance.
  const clientQuota = await deps.limiters.clientService.hit(clientServiceKey(clientLimitKey, target.service.id));
  const serviceQuota = clientQuota.allowed ? await deps.limiters.service.hit(target.service.id) : clientQuota;
  if (!serviceQuota.allowed) {
    const fromThisClient = !clientQuota.allowed;
    deps.log(
      fromThisClient
        ? `Orientation ${reference} : trop de demandes de ce client pour le service ${target.service.id} cette heure-ci, rien n’est envoyé (429).`
        : `Orientation ${reference} : le service ${target.service.id} a reçu trop de demandes cette heure-ci, rien n’est envoyé (429).`,
    );
    const why = fromThisClient
      ? `Trop de demandes ont été envoyées depuis votre connexion au service « ${service.name} » cette heure-ci`
      : `Le service « ${service.name} » a reçu trop de demandes en ligne cette heure-ci`;
    return {
      status: 429,
      retryAfterSeconds: serviceQuota.retryAfterSeconds,
      body: {
        status: 'refusee',
        error: `${why} : la vôtre ne lui a pas été envoyée. Pour le joindre, ${serviceContact(service)}, ou renvoyez la demande dans une heure.`,
        service,
      },
    };
  }

  const toService = await deps.transport.send(withSender(renderServiceEmail(context), deps.mailFrom), {
    idempotencyKey: messageIdempotencyKey(request.submissionId, 'service'),
    deadline,
  });
  if (!toService.ok && toService.keyReusedWithOtherContent) {
    deps.log(`Orientation ${reference} : un autre message a déjà été envoyé au service sous cette clé, refusée (409).`);
    return conflictOutcome(request.submissionId, service);
  }
  if (!toService.ok) {
    deps.log(`Orientation ${reference} : échec de l’envoi au service ${target.service.id} (${toService.reason}).`);
    return {
      status: 503,
      body: {
        status: 'echec-envoi',
        error: `Votre demande n’a pas pu être envoyée pour le moment. Réessayez dans quelques minutes, ou ${serviceContact(service)}.`,
        service,
      },
    };
  }

  return {
    status: 200,
    body: { status: 'envoyee', reference, service, acknowledgement: await acknowledge(context, reference, deadline, deps) },
  };
}

/** Sends the acknowledgement when the person wants one and their address has not had too many this hour. */
async function acknowledge(
  context: Parameters<typeof renderAcknowledgementEmail>[0],
  reference: string,
  deadline: number,
  deps: ReferralDependencies & { now: () => number; log: (line: string) => void },
): Promise<SentAnswer['acknowledgement']> {
  const ack = renderAcknowledgementEmail(context);
  if (!ack) return 'non-demande';
  if (!(await deps.limiters.acknowledgement.hit(acknowledgementKey(ack.to))).allowed) {
    deps.log(`Orientation ${reference} : accusé de réception non envoyé (limite horaire de cette adresse atteinte).`);
    return 'limite';
  }
  const sent = await deps.transport.send(withSender(ack, deps.mailFrom), {
    idempotencyKey: messageIdempotencyKey(context.request.submissionId, 'accuse'),
    deadline: Math.max(deadline, deps.now() + 1000),
  });
  // Another acknowledgement under this key means one was sent for this submission already.
  if (sent.ok || sent.keyReusedWithOtherContent) return 'envoye';
  deps.log(`Orientation ${reference} : accusé de réception non envoyé (${sent.reason}).`);
  return 'echec';
}
