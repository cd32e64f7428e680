/**
 * Where to ask when Passerelle knows no service near a family: the contacts of
 * content/ou-demander.yaml (chosen by `whereToAskFor`), each number and site as its source gives it,
 * with the source's year when it is old. Rendered without JavaScript on the département page and the
 * referral result, and inside the search and referral islands.
 */
import type { WhereToAskContact } from '../../lib/content/where-to-ask-schema.ts';
import { oldSourceText } from '../../lib/content/source-age.ts';
import { phoneHref } from '../../lib/services/service-format.ts';
import './where-to-ask.css';

export interface WhereToAskProps {
  /** The contacts to show, already chosen for the kinds asked. */
  contacts: readonly WhereToAskContact[];
  headingLevel?: 2 | 3 | 4;
  /** AAAA-MM-JJ: the day against which a source counts as old (the build's day on static pages). */
  today?: string;
}

const hostOf = (url: string): string => url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');

function OldSource({ source, today }: { source: WhereToAskContact['website' | 'phone'] & object; today: string }) {
  const text = oldSourceText([source.source.date], today);
  return text ? (
    <>
      {' '}
      (<a href={source.source.url}>{text}</a>)
    </>
  ) : null;
}

export function WhereToAsk({ contacts, headingLevel = 3, today = new Date().toISOString().slice(0, 10) }: WhereToAskProps) {
  if (!contacts.length) return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="where-to-ask">
      <Heading>Où vous renseigner</Heading>
      <ul>
        {contacts.map((contact) => (
          <li key={contact.id}>
            <strong>{contact.name}</strong> : {contact.summary}
            {contact.phone && (
              <>
                <br />
                Téléphone : <a href={phoneHref(contact.phone.number)}>{contact.phone.number}</a>
                {contact.phone.note && ` (${contact.phone.note.replace(/\.$/, '')})`}
                {contact.phone.outreMer && (
                  <>
                    {' ; depuis l’outre-mer ou l’étranger : '}
                    <a href={phoneHref(contact.phone.outreMer)}>{contact.phone.outreMer}</a>
                  </>
                )}
                <OldSource source={contact.phone} today={today} />
              </>
            )}
            {contact.website && (
              <>
                <br />
                Site : <a href={contact.website.url}>{contact.website.label ?? hostOf(contact.website.url)}</a>
                <OldSource source={contact.website} today={today} />
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
