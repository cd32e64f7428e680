/** The print-only stylesheet that gives printed internal links the real site's address. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRINT_SITE_PROPERTY, PRINT_SITE_STYLESHEET_PATH, printSiteStylesheet } from '../../src/lib/site/print-links.ts';

describe('printed internal links', () => {
  it('carry the site’s origin, without its path or trailing slash, as a CSS string', () => {
    expect(printSiteStylesheet('https://passerelle.example.fr/')).toContain(`${PRINT_SITE_PROPERTY}: "https://passerelle.example.fr";`);
    expect(printSiteStylesheet(new URL('https://passerelle.example.fr/sous-dossier/'))).toContain('"https://passerelle.example.fr"');
    expect(printSiteStylesheet('http://localhost:4321')).toContain('"http://localhost:4321"');
  });

  it('is served at its path and read by the print rules of every page', async () => {
    const route = await import('../../src/pages/adresse-du-site.css.ts');
    const response = await route.GET({ site: new URL('https://passerelle.test/') } as never);
    expect(response.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(await response.text()).toBe(printSiteStylesheet('https://passerelle.test/'));
    expect(PRINT_SITE_STYLESHEET_PATH).toBe('/adresse-du-site.css');
    const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
    expect(css).toContain(`var(${PRINT_SITE_PROPERTY}, '') attr(href)`);
  });
});
