import { describe, expect, it } from 'vitest';
import { editUrl, feedbackMailto } from '../../src/lib/services/service-feedback.ts';
import { CONTENT_FEEDBACK } from '../../src/lib/site/site-text.ts';

describe('feedbackMailto', () => {
  const service = { id: 'relais-des-tilleuls', name: 'Le Relais & les Tilleuls' };
  const link = feedbackMailto(service, 'https://passerelle.test/annuaire/relais-des-tilleuls/');
  const url = new URL(link);

  it('writes to the corrections address', () => {
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe(CONTENT_FEEDBACK.email);
  });

  it('names the service in the subject and its page and file in the body, safely encoded', () => {
    expect(url.searchParams.get('subject')).toBe('Correction de la fiche « Le Relais & les Tilleuls »');
    const body = url.searchParams.get('body') ?? '';
    expect(body).toContain('https://passerelle.test/annuaire/relais-des-tilleuls/');
    expect(body).toContain('content/services/relais-des-tilleuls.yaml');
    expect(link).not.toContain(' ');
  });
});

describe('editUrl', () => {
  it('fills the template with the content file, and gives nothing without a template', () => {
    expect(editUrl('abc', 'https://forge.test/passerelle/edit/main/{path}')).toBe('https://forge.test/passerelle/edit/main/content/services/abc.yaml');
    expect(editUrl('abc', undefined)).toBeUndefined();
  });
});
