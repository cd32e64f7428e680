/**
 * The documentation a newcomer finds: a README short enough to read on a screen or two, and every
 * relative link of README.md, CONTRIBUTING.md, docs/ and content/README.md leading to a file and, for
 * a #fragment, to one of its headings.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenLinks, headingAnchor, headingAnchors, relativeLinks } from '../../scripts/lib/markdown-links.ts';
import { PROJECT_ROOT } from '../../scripts/lib/site-build.ts';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? markdownFiles(join(dir, entry.name))
      : entry.name.endsWith('.md')
        ? [relative(PROJECT_ROOT, join(dir, entry.name))]
        : [],
  );
}

describe('markdown links', () => {
  it('computes the anchors GitHub gives headings, accents kept and punctuation dropped', () => {
    expect(headingAnchor('Derrière un proxy inverse')).toBe('derrière-un-proxy-inverse');
    expect(headingAnchor('La recherche (`/recherche/`)')).toBe('la-recherche-recherche');
    expect(headingAnchor('En-têtes de sécurité')).toBe('en-têtes-de-sécurité');
    expect([...headingAnchors('# Titre\n## Tests\n```sh\n# pas un titre\n```\n## Tests\n')]).toEqual(['titre', 'tests', 'tests-1']);
  });

  it('finds relative links outside code, and only those', () => {
    const markdown =
      'Voir [la carte](docs/carte.md#flux) et [Resend](https://resend.com).\n`[pas](un-lien.md)`\n```md\n[pas](non-plus.md)\n```\n';
    expect(relativeLinks(markdown)).toEqual(['docs/carte.md#flux']);
  });

  it('reports a missing file and a missing heading', () => {
    const root = mkdtempSync(join(tmpdir(), 'docs-links-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs/carte.md'), '# La carte\n## Flux précalculés\n');
    writeFileSync(
      join(root, 'README.md'),
      '[a](docs/carte.md) [b](docs/carte.md#flux-précalculés) [c](docs/absent.md) [d](docs/carte.md#absent)\n',
    );
    expect(brokenLinks(root, ['README.md']).map(({ link }) => link)).toEqual(['docs/absent.md', 'docs/carte.md#absent']);
  });
});

describe('the documentation', () => {
  const files = ['README.md', 'CONTRIBUTING.md', 'content/README.md', ...markdownFiles(join(PROJECT_ROOT, 'docs'))];

  it('keeps the README under 200 lines: the rest belongs in docs/', () => {
    const lines = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8').split('\n').length;
    expect(lines, 'README.md : déplacez les sections détaillées dans docs/ et liez-les depuis le README').toBeLessThan(200);
  });

  it('links from the README to every document of docs/', () => {
    const readme = relativeLinks(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')).map((link) => link.split('#')[0]);
    const docs = markdownFiles(join(PROJECT_ROOT, 'docs')).filter(
      (file) => !file.startsWith('docs/decisions/') || file === 'docs/decisions/README.md',
    );
    expect(docs.filter((file) => !readme.includes(file))).toEqual([]);
  });

  it('has no relative link that leads nowhere', () => {
    expect(brokenLinks(PROJECT_ROOT, files).map(({ file, link, reason }) => `${file} : ${link} (${reason})`)).toEqual([]);
  });
});
