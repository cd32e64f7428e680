import { describe, expect, it, vi } from 'vitest';
import { CROSS_SITE_MESSAGE, crossSiteRefusal, isCrossSiteSubmission } from '../../src/server/cross-site-request.ts';

const site = 'https://passerelle.exemple.test';
const post = (headers: Record<string, string>, method = 'POST') =>
  new Request(`${site}/api/orientation`, { method, headers, ...(method === 'GET' ? {} : { body: 'a=1' }) });

describe('cross-site submissions', () => {
  it('refuses a form or a typeless request from another origin, as Astro’s checkOrigin does, and nothing else', () => {
    expect(isCrossSiteSubmission(post({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://autre.test' }), site)).toBe(
      true,
    );
    expect(isCrossSiteSubmission(post({ 'Content-Type': 'text/plain;charset=UTF-8' }), site)).toBe(true);
    expect(isCrossSiteSubmission(post({ 'Content-Type': 'Multipart/Form-Data; boundary=x', Origin: 'null' }), site)).toBe(true);
    expect(isCrossSiteSubmission(post({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: site }), site)).toBe(false);
    // JSON needs a CORS preflight that the site never grants: it is not a forgery vector.
    expect(isCrossSiteSubmission(post({ 'Content-Type': 'application/json', Origin: 'https://autre.test' }), site)).toBe(false);
    expect(isCrossSiteSubmission(post({ Origin: 'https://autre.test' }, 'GET'), site)).toBe(false);
  });

  it('says so in French: JSON for the form’s script, a sentence for a browser', async () => {
    const json = crossSiteRefusal(post({ Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }));
    expect(json.status).toBe(403);
    expect(json.headers.get('content-type')).toMatch(/application\/json/);
    expect(await json.json()).toEqual({ status: 'refusee', error: CROSS_SITE_MESSAGE });
    const text = crossSiteRefusal(post({ Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' }));
    expect([text.status, await text.text()]).toEqual([403, CROSS_SITE_MESSAGE]);
    expect(CROSS_SITE_MESSAGE).toMatch(/n’est pas acceptée/);
  });

  it('is what the site’s middleware answers to a request rendered on demand, and lets the others through', async () => {
    const { onRequest } = await import('../../src/middleware.ts');
    const next = vi.fn(() => Promise.resolve(new Response('suite')));
    const context = (request: Request, isPrerendered = false) =>
      ({ request, url: new URL(request.url), isPrerendered }) as unknown as Parameters<typeof onRequest>[0];
    const forged = post({ Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://autre.test' });
    const refused = (await onRequest(context(forged), next)) as Response;
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: CROSS_SITE_MESSAGE });
    expect(next).not.toHaveBeenCalled();
    const own = post({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: site });
    expect(await ((await onRequest(context(own), next)) as Response).text()).toBe('suite');
    expect(next).toHaveBeenCalledTimes(1);
  });
});
