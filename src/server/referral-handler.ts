/**
 * POST /api/orientation, independent of Astro so that it can be tested directly: rate limit, body,
 * validation, routing, then the two messages, once per submissionId. The answer is a plain outcome
 * that the route turns into JSON or into the form's HTML pages.
 */
import type { Service } from '../lib/content/service-schema.ts';
import type { InvalidAnswer, PublicService, RefusedAnswer, SendFailedAnswer, SuccessAnswer } from '../lib/referral/referral-answer.ts';
import { resolveCommuneText } from '../lib/referral/referral-commune.ts';
import { renderAcknowledgementEmail, renderServiceEmail, referralReference } from '../lib/referral/referral-email.ts';
import { formGuardErrors, requestInputFromForm, type CommuneChoice, type FormFields } from '../lib/referral/referral-form.ts';
import { messageIdempotencyKey, type SubmissionLedger } from '../lib/referral/referral-idempotency.ts';
import { PREFERRED_PROBLEM_TEXT, routeReferral, type RoutedService } from '../lib/referral/referral-routing.ts';
import { FORM_ERROR_KEY, validateReferral, type FieldErrors, type ReferralRequest } from '../lib/referral/referral-schema.ts';
import { REFERRAL_LIMITS } from '../lib/referral/referral-vocabulary.ts';
import { servicePath } from '../lib/services/service-paths.ts';
import { withSender, type MailTransport } from './mail-transport.ts';
import type { RateLimiter } from './rate-limit.ts';
import { parseReferralBody } from './request-body.ts';

export type ReferralOutcome =
  | { status: 200; body: SuccessAnswer }
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

export interface ReferralDependencies {
  services: () => Promise<readonly Service[]>;
  transport: MailTransport;
  mailFrom: string;
  limiter: RateLimiter;
  ledger: SubmissionLedger<ReferralOutcome>;
  now?: () => number;
  /** Time allowed for sending both messages, retries included. */
  sendBudgetMs?: number;
  log?: (line: string) => void;
}

export const RATE_LIMIT_MESSAGE = 'Trop de demandes envoyées depuis votre connexion en peu de temps : patientez une minute puis réessayez.';

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

  const decision = deps.limiter.hit(client);
  if (!decision.allowed) {
    void request.body?.cancel().catch(() => undefined);
    return { format, outcome: { status: 429, body: { status: 'refusee', error: RATE_LIMIT_MESSAGE }, retryAfterSeconds: decision.retryAfterSeconds } };
  }

  const parsed = await parseReferralBody(request, REFERRAL_LIMITS.bodyMaxBytes);
  if (!parsed.ok) {
    const outcome: ReferralOutcome =
      parsed.status === 422 ? { status: 422, body: { status: 'invalide', errors: { [FORM_ERROR_KEY]: parsed.message } } } : { status: parsed.status, body: { status: 'refusee', error: parsed.message } };
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
    if (Object.keys(guards).length) return { format, fields, outcome: { status: 422, body: { status: 'invalide', errors: guards } } };
  } else {
    input = parsed.data;
  }

  const validation = validateReferral(input, () => new Date(now()));
  const errors: FieldErrors = { ...(validation.ok ? {} : validation.errors), ...conversionErrors };
  if (!validation.ok || Object.keys(errors).length) {
    return { format, ...(fields ? { fields } : {}), outcome: { status: 422, body: { status: 'invalide', errors, ...(communeChoices ? { communeChoices } : {}) } } };
  }
  const referral = validation.request;

  const routing = routeReferral(await deps.services(), referral);
  if (routing.status === 'unknown-commune') {
    return { format, ...(fields ? { fields } : {}), outcome: { status: 422, body: { status: 'invalide', errors: { communeCode: 'Ce code INSEE ne correspond à aucune commune : vérifiez-le.' } } } };
  }
  const preferred = routing.preferredProblem ? { preferredServiceProblem: PREFERRED_PROBLEM_TEXT[routing.preferredProblem] } : {};
  if (routing.status === 'contact-directly') {
    return {
      format,
      ...(fields ? { fields } : {}),
      outcome: {
        status: 200,
        body: {
          status: 'a-contacter-directement',
          communeName: routing.commune.name,
          excludedForViolence: routing.excludedForViolence,
          services: routing.suggestions.map(publicService),
          violence: referral.violence,
          ...preferred,
        },
      },
    };
  }

  const { value: outcome } = await deps.ledger.run(referral.submissionId, () =>
    sendReferral(referral, routing.target, routing.commune.name, { ...deps, now, log }).then((result) => ({
      value: result.status === 200 ? { ...result, body: { ...result.body, ...preferred } } : result,
      keep: result.status === 200,
    })),
  );
  return { format, ...(fields ? { fields } : {}), outcome };
}

async function sendReferral(
  request: ReferralRequest,
  target: RoutedService,
  communeName: string,
  deps: ReferralDependencies & { now: () => number; log: (line: string) => void },
): Promise<ReferralOutcome> {
  const receivedAt = new Date(deps.now());
  const deadline = deps.now() + (deps.sendBudgetMs ?? 8000);
  const context = { request, target, communeName, receivedAt, chosenByRequester: request.serviceId === target.service.id };
  const reference = referralReference(request.submissionId);
  const service = publicService(target);

  const toService = await deps.transport.send(withSender(renderServiceEmail(context), deps.mailFrom), {
    idempotencyKey: messageIdempotencyKey(request.submissionId, 'service'),
    deadline,
  });
  if (!toService.ok) {
    deps.log(`Orientation ${reference} : échec de l’envoi au service ${target.service.id} (${toService.reason}).`);
    const contact = service.phone ? `appelez directement le service au ${service.phone}` : service.website ? `contactez directement le service (${service.website})` : 'contactez directement le service';
    return {
      status: 503,
      body: { status: 'echec-envoi', error: `Votre demande n’a pas pu être envoyée pour le moment. Réessayez dans quelques minutes, ou ${contact}.`, service },
    };
  }

  let acknowledgement: 'envoye' | 'non-demande' | 'echec' = 'non-demande';
  const ack = renderAcknowledgementEmail(context);
  if (ack) {
    const sent = await deps.transport.send(withSender(ack, deps.mailFrom), {
      idempotencyKey: messageIdempotencyKey(request.submissionId, 'accuse'),
      deadline: Math.max(deadline, deps.now() + 1000),
    });
    acknowledgement = sent.ok ? 'envoye' : 'echec';
    if (!sent.ok) deps.log(`Orientation ${reference} : accusé de réception non envoyé (${sent.reason}).`);
  }
  return { status: 200, body: { status: 'envoyee', reference, service, acknowledgement, violence: request.violence } };
}
