import { describe, expect, it } from 'vitest';
import { serviceSchema, type Service } from '../../src/lib/content/service-schema.ts';
import { jsonLdScriptText, openingHoursSpecification, serviceJsonLd } from '../../src/lib/site/service-json-ld.ts';

const service: Service = {
  ...serviceSchema.parse({
    name: 'Espace rencontre fictif',
    kinds: ['espace-rencontre', 'visites-tiers'],
    status: 'actif',
    summary: 'Service fictif des tests unitaires des données structurées schema.org.',
    contact: { phone: '03 21 00 00 01', website: 'https://exemple.test/er' },
    locations: [
      {
        postalCode: '62000',
        communeCode: '62041',
        address: '1 rue fictive',
        latitude: 50.29,
        longitude: 2.77,
        openingHours: 'Mo-Fr 09:00-12:00',
      },
      { postalCode: '62300', communeCode: '62498', address: '2 rue protégée', latitude: 50.43, longitude: 2.82, confidential: true },
    ],
    sources: [{ url: 'https://exemple.test/source' }],
    lastChecked: '2026-11-01',
  }),
  id: 'test-er',
};

describe('serviceJsonLd', () => {
  const data = serviceJsonLd(service, 'https://passerelle.example.fr', { name: 'Association fictive' });
  const channel = data.availableChannel as { serviceLocation: Record<string, unknown>[]; servicePhone: { telephone: string } };

  it('describes the service with its page, kinds, provider, phone and area', () => {
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Service',
      url: 'https://passerelle.example.fr/annuaire/test-er/',
      serviceType: ['Espace de rencontre', 'Visites en présence d’un tiers'],
      provider: { '@type': 'Organization', name: 'Association fictive' },
      areaServed: [{ '@type': 'AdministrativeArea', name: 'Pas-de-Calais' }],
    });
    expect(channel.servicePhone.telephone).toBe('03 21 00 00 01');
    // schema.org gives Service no telephone nor inLanguage: the phone belongs to the channel.
    expect(data).not.toHaveProperty('telephone');
    expect(data).not.toHaveProperty('inLanguage');
  });

  it('gives each place its address, point and hours, and a confidential place its commune only', () => {
    expect(channel.serviceLocation[0]).toMatchObject({
      address: { streetAddress: '1 rue fictive', postalCode: '62000', addressLocality: 'Arras' },
      geo: { latitude: 50.29, longitude: 2.77 },
      openingHoursSpecification: [
        {
          '@type': 'OpeningHoursSpecification',
          dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day) => `https://schema.org/${day}`),
          opens: '09:00:00',
          closes: '12:00:00',
        },
      ],
    });
    expect(channel.serviceLocation[0]).not.toHaveProperty('openingHours');
    expect(channel.serviceLocation[1]).toEqual({
      '@type': 'Place',
      address: { '@type': 'PostalAddress', postalCode: '62300', addressLocality: 'Lens', addressCountry: 'FR' },
    });
    expect(JSON.stringify(data)).not.toContain('protégée');
  });

  it('gives the weekly pattern of the hours, one specification per time range, and leaves out what is not weekly', () => {
    expect(openingHoursSpecification('Mo 09:30-12:30,14:30-17:30; Fr 09:00-11:30; PH off')).toEqual([
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Monday'], opens: '09:30:00', closes: '12:30:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Monday'], opens: '14:30:00', closes: '17:30:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Friday'], opens: '09:00:00', closes: '11:30:00' },
    ]);
  });

  it('cannot close its script element', () => {
    const text = jsonLdScriptText({ name: '</script><script>alert(1)</script>' });
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual({ name: '</script><script>alert(1)</script>' });
  });
});
