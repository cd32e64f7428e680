/** The emergency numbers, as links that dial (or text, for the 114) on a phone. */
import { EMERGENCY_NUMBERS, emergencyHref } from '../../lib/site/site-text.ts';

export function EmergencyNumbers({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="referral-emergency">
      <Heading>En cas de danger ou de violences, appelez</Heading>
      <ul>
        {EMERGENCY_NUMBERS.map((entry) => (
          <li key={entry.number}>
            <a className="referral-emergency__number" href={emergencyHref(entry.number)}>
              {entry.number}
            </a>{' '}
            <strong>{entry.label}</strong> : {entry.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}
