/**
 * What happened to a referral: sent (to which service, how far, what next) or, when no service can
 * receive it online, the services near enough to contact directly, or that none is known within the
 * kind's near distance and where to ask. Rendered on the server by the result
 * page (no JavaScript) and by the form island after a submission with JavaScript.
 */
import type { WhereToAskContact } from '../../lib/content/where-to-ask-schema.ts';
import type { PublicService, SentAnswer, SuccessAnswer } from '../../lib/referral/referral-answer.ts';
import { phoneHref } from '../../lib/services/service-format.ts';
import { kindPath } from '../../lib/services/service-paths.ts';
import { NEAR_DISTANCE_KM, nothingNearText } from '../../lib/services/service-reach.ts';
import { whereToAskFor } from '../../lib/services/where-to-ask.ts';
import { WhereToAsk } from '../where-to-ask/WhereToAsk.tsx';
import { EmergencyNumbers } from './EmergencyNumbers.tsx';

const km = (distance: number): string => `${distance.toLocaleString('fr-FR')} km`;

const ACKNOWLEDGEMENT_TEXT: Record<SentAnswer['acknowledgement'], string> = {
  envoye: 'Un e-mail de confirmation vous a été envoyé, avec un objet neutre (« Confirmation de votre demande »).',
  echec: 'L’e-mail de confirmation n’a pas pu vous être envoyé, mais votre demande est bien partie : notez la référence ci-dessus.',
  limite:
    'Votre adresse a déjà reçu plusieurs e-mails de confirmation dans l’heure : celui-ci ne vous est pas envoyé, mais votre demande est bien partie. Notez la référence ci-dessus.',
  'non-demande': 'Aucun e-mail de confirmation ne vous est envoyé : notez la référence ci-dessus.',
};

function ServiceContact({ service }: { service: PublicService }) {
  return (
    <ul className="referral-contact">
      {service.phone && (
        <li>
          Téléphone : <a href={phoneHref(service.phone)}>{service.phone}</a>
        </li>
      )}
      {service.website && (
        <li>
          Site : <a href={service.website}>{service.website.replace(/^https?:\/\//, '')}</a>
        </li>
      )}
      {service.email && (
        <li>
          E-mail : <a href={`mailto:${service.email}`}>{service.email}</a>
        </li>
      )}
      <li>
        <a href={service.path}>Voir la fiche du service sur Passerelle</a>
      </li>
    </ul>
  );
}

export interface ReferralResultProps {
  answer: SuccessAnswer;
  /** Every where-to-ask contact (content/ou-demander.yaml); those for the kind asked are shown when no service is near. */
  whereToAsk: readonly WhereToAskContact[];
}

export function ReferralResult({ answer, whereToAsk }: ReferralResultProps) {
  if (answer.status === 'envoyee') {
    const { service } = answer;
    return (
      <section className="referral-result" aria-labelledby="referral-result-title">
        <h2 id="referral-result-title" tabIndex={-1}>
          Votre demande a été envoyée
        </h2>
        <p>
          Elle a été transmise à <strong>{service.name}</strong> ({service.communeName}, à {km(service.distanceKm)} de votre commune), qui
          vous recontactera. Référence de votre demande : <strong>{answer.reference}</strong>.
        </p>
        {answer.preferredServiceProblem && (
          <p className="notice">{answer.preferredServiceProblem} Votre demande a donc été envoyée au service adapté le plus proche.</p>
        )}
        <p>{ACKNOWLEDGEMENT_TEXT[answer.acknowledgement]}</p>
        <h3>Et ensuite ?</h3>
        <p>Sans nouvelles du service d’ici une semaine, vous pouvez le contacter directement :</p>
        <ServiceContact service={service} />
        {answer.violence === 'oui' && <EmergencyNumbers />}
      </section>
    );
  }
  return (
    <section className="referral-result" aria-labelledby="referral-result-title">
      <h2 id="referral-result-title" tabIndex={-1}>
        Votre demande n’a pas été envoyée : contactez un service directement
      </h2>
      {answer.preferredServiceProblem && <p className="notice">{answer.preferredServiceProblem}</p>}
      {answer.excludedForViolence ? (
        <>
          <p className="notice notice--danger">
            Quand il y a des violences, la médiation n’est pas adaptée : elle suppose que chacun puisse s’exprimer librement et sans
            crainte. Votre demande n’a été envoyée à aucun service de médiation.
          </p>
          <EmergencyNumbers />
          <p>
            Pour que l’enfant garde le lien avec un parent en sécurité, un <a href={kindPath('espace-rencontre')}>espace de rencontre</a>{' '}
            peut accueillir les rencontres, le plus souvent sur décision du juge.
          </p>
        </>
      ) : answer.services.length ? (
        <>
          <p>
            Aucun service proche de {answer.communeName} ne reçoit ce type de demande en ligne. Voici les services connus à moins de{' '}
            {NEAR_DISTANCE_KM[answer.kind]} km, à contacter directement :
          </p>
          <ol className="referral-suggestions">
            {answer.services.map((service) => (
              <li key={service.id}>
                <strong>{service.name}</strong>, à {service.communeName} ({km(service.distanceKm)})
                <ServiceContact service={service} />
              </li>
            ))}
          </ol>
        </>
      ) : (
        <>
          <p className="referral-result__none">
            <strong>{nothingNearText(NEAR_DISTANCE_KM[answer.kind], answer.communeName)}</strong> Passerelle ne recense pas encore tous les
            services : ceux-ci peuvent vous indiquer le plus proche.
          </p>
          <WhereToAsk contacts={whereToAskFor(whereToAsk, [answer.kind])} />
        </>
      )}
      {answer.violence === 'oui' && !answer.excludedForViolence && <EmergencyNumbers />}
    </section>
  );
}
