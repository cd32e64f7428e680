/** « Signaler une erreur » under a service, as the build settings make it: an address, a forge, or neither. */
import { describe, expect, it } from 'vitest';
import { editUrl, feedbackMailto, serviceFeedback } from '../../src/lib/services/service-feedback.ts';

const service = {
  id: 'relais-des-tilleuls',
  name: 'Le Relais & les Tilleuls',
  organisation: 'association-tilleuls',
  federations: ['fenamef', 'unaf'],
};
const pageUrl = 'https://passerelle.test/annuaire/relais-des-tilleuls/';
const organisationsById = new Map([
  ['association-tilleuls', { name: 'Association des Tilleuls', website: 'https://tilleuls.test/' }],
  [
    'fenamef',
    {
      name: 'Fédération nationale de la médiation et des espaces familiaux',
      acronym: 'FENAMEF',
      email: 'contact@fenamef.test',
      website: 'https://fenamef.test/',
    },
  ],
  ['unaf', { name: 'Union nationale des associations familiales', acronym: 'UNAF' }],
]);
const EDIT = 'https://forge.test/passerelle/-/edit/main/{path}';

describe('feedbackMailto', () => {
  const link = feedbackMailto(service, pageUrl, 'corrections@passerelle.test');
  const url = new URL(link);

  it('writes to the given address', () => {
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('corrections@passerelle.test');
  });

  it('names the service in the subject and its page and file in the body, safely encoded', () => {
    expect(url.searchParams.get('subject')).toBe('Correction de la fiche « Le Relais & les Tilleuls »');
    const body = url.searchParams.get('body') ?? '';
    expect(body).toContain(pageUrl);
    expect(body).toContain('content/services/relais-des-tilleuls.yaml');
    expect(link).not.toContain(' ');
  });
});

describe('editUrl', () => {
  it('fills the template with the content file, and gives nothing without a template', () => {
    expect(editUrl('abc', 'https://forge.test/passerelle/edit/main/{path}')).toBe(
      'https://forge.test/passerelle/edit/main/content/services/abc.yaml',
    );
    expect(editUrl('abc', undefined)).toBeUndefined();
  });
});

describe('serviceFeedback', () => {
  it('with a corrections address (PUBLIC_CORRECTIONS_EMAIL): a prefilled message to it, and the forge link when set', () => {
    const feedback = serviceFeedback(service, organisationsById, pageUrl, {
      email: ' corrections@passerelle.test ',
      editUrlTemplate: EDIT,
    });
    expect(feedback).toEqual({
      mailto: feedbackMailto(service, pageUrl, 'corrections@passerelle.test'),
      editUrl: 'https://forge.test/passerelle/-/edit/main/content/services/relais-des-tilleuls.yaml',
      contacts: [],
    });
    expect(serviceFeedback(service, organisationsById, pageUrl, { email: 'corrections@passerelle.test' })).not.toHaveProperty('editUrl');
  });

  it('without one, never a made-up address: the federations, then the operator, by their own address or website', () => {
    const feedback = serviceFeedback(service, organisationsById, pageUrl, {});
    expect(feedback.mailto).toBeUndefined();
    expect(feedback.contacts).toEqual([
      { label: 'FENAMEF (fédération)', href: feedbackMailto(service, pageUrl, 'contact@fenamef.test'), by: 'courriel' },
      // UNAF publishes neither an address nor a website here: left out.
      { label: 'Association des Tilleuls (gestionnaire)', href: 'https://tilleuls.test/', by: 'site' },
    ]);
    // An empty setting is no setting.
    expect(serviceFeedback(service, organisationsById, pageUrl, { email: '', editUrlTemplate: '' })).toEqual(feedback);
  });

  it('without any, an organisation named twice or unknown is listed once or not at all, and the forge link stays', () => {
    const alone = { ...service, organisation: 'fenamef', federations: ['fenamef', 'inconnue'] };
    expect(serviceFeedback(alone, organisationsById, pageUrl, { editUrlTemplate: EDIT })).toEqual({
      editUrl: 'https://forge.test/passerelle/-/edit/main/content/services/relais-des-tilleuls.yaml',
      contacts: [{ label: 'FENAMEF (fédération)', href: feedbackMailto(alone, pageUrl, 'contact@fenamef.test'), by: 'courriel' }],
    });
    expect(serviceFeedback({ ...service, organisation: undefined, federations: [] }, organisationsById, pageUrl, {}).contacts).toEqual([]);
  });
});
