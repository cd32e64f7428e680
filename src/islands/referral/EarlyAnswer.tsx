/**
 * The early answer of the referral form, under the commune: a service near enough can receive the
 * request online (the form goes on), or none can, and then the services to call, or none near, and
 * where to ask; without JavaScript, a button that asks the server the same question.
 */
import type { PublicEarlyAnswer } from '../../lib/referral/referral-early-answer.ts';
import { EARLY_ANSWER_STEP } from '../../lib/referral/referral-form.ts';
import type { WhereToAskContact } from '../../lib/content/where-to-ask-schema.ts';
import { phoneHref } from '../../lib/services/service-format.ts';
import { SERVICE_KIND_INFO } from '../../lib/services/service-vocabulary.ts';
import { whereToAskFor } from '../../lib/services/where-to-ask.ts';
import { WhereToAsk } from '../where-to-ask/WhereToAsk.tsx';

/** The early answer when no service can receive the request online: the services to call, or none near, and where to ask. */
function ContactDirectly({
  answer,
  whereToAsk,
}: {
  answer: Extract<PublicEarlyAnswer, { status: 'a-contacter-directement' }>;
  whereToAsk: readonly WhereToAskContact[];
}) {
  const kind = SERVICE_KIND_INFO[answer.kind];
  return (
    <div className="notice referral-early" role="region" aria-labelledby="referral-early-titre">
      <h2 id="referral-early-titre" tabIndex={-1}>
        {answer.excludedForViolence
          ? 'Cette demande ne peut pas être envoyée à un service de médiation'
          : 'Aucun service proche ne reçoit les demandes en ligne'}
      </h2>
      <p>
        {answer.excludedForViolence
          ? 'Avec des violences, Passerelle n’envoie pas de demande à un service de médiation. Vous pouvez choisir un espace de rencontre ci-dessus, ou appeler les numéros d’urgence.'
          : 'Rien ne vous sera demandé ni envoyé ici : contactez directement un service.'}
      </p>
      {!answer.excludedForViolence &&
        (answer.services.length > 0 ? (
          <ul className="referral-early__services">
            {answer.services.map((service) => (
              <li key={service.id}>
                <a href={service.path}>{service.name}</a>, {service.communeName} (à {service.distanceKm.toLocaleString('fr-FR')} km)
                {service.phone && (
                  <>
                    {' · '}Téléphone : <a href={phoneHref(service.phone)}>{service.phone}</a>
                  </>
                )}
                {!service.phone && service.website && (
                  <>
                    {' · '}
                    <a href={service.website}>Site du service</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            <strong>{`Aucun service connu à moins de ${answer.nearKm} km de ${answer.communeName}`}</strong>
            {` pour « ${kind.label} ».`}
          </p>
        ))}
      <WhereToAsk contacts={whereToAskFor(whereToAsk, [answer.kind])} />
    </div>
  );
}

export function EarlyAnswer({
  early,
  hydrated,
  whereToAsk,
}: {
  early: PublicEarlyAnswer | undefined;
  hydrated: boolean;
  whereToAsk: readonly WhereToAskContact[];
}) {
  return (
    <div className="referral-early-answer" aria-live="polite">
      {early?.status === 'en-ligne' && (
        <p className="notice referral-early">
          Un service proche de chez vous peut recevoir votre demande en ligne. Continuez : quelques questions encore.
        </p>
      )}
      {early?.status === 'a-contacter-directement' && <ContactDirectly answer={early} whereToAsk={whereToAsk} />}
      {!hydrated && !early && (
        <p>
          <button
            className="button button--secondary"
            type="submit"
            name={EARLY_ANSWER_STEP.name}
            value={EARLY_ANSWER_STEP.value}
            formAction="/orienter/"
            formMethod="post"
            formNoValidate
          >
            Voir si un service proche peut recevoir ma demande
          </button>
        </p>
      )}
    </div>
  );
}
