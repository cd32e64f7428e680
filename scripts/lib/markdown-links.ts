/**
 * The relative links of the project's Markdown documentation (README.md, CONTRIBUTING.md, docs/,
 * content/README.md) and whether each leads somewhere: the file exists and, for a `#fragment` into a
 * Markdown file, one of its headings has that anchor as GitHub computes it. Code blocks and inline
 * code are skipped: a path written there is an example, not a link.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** One link that leads nowhere, for a French message. */
export interface BrokenLink {
  file: string;
  link: string;
  reason: string;
}

/** Markdown without its fenced code blocks. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** Markdown without its fenced code blocks and inline code. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, each space a hyphen. */
export function headingAnchor(heading: string): string {
  return heading
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown text's headings (a repeated heading gets -1, -2… as on GitHub). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const [, heading] of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const anchor = headingAnchor(heading as string);
    const count = counts.get(anchor) ?? 0;
    counts.set(anchor, count + 1);
    anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
  }
  return anchors;
}

/** The relative links (not http:, mailto:…) of a Markdown text, in order. */
export function relativeLinks(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map(([, link]) => link as string)
    .filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link));
}

/** The broken relative links of the Markdown files `files` (paths relative to `root`). */
export function brokenLinks(root: string, files: readonly string[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const file of files) {
    const markdown = readFileSync(join(root, file), 'utf8');
    for (const link of relativeLinks(markdown)) {
      const [path = '', fragment] = link.split('#', 2);
      const target = path ? normalize(join(dirname(file), decodeURI(path))) : file;
      if (!existsSync(join(root, target))) {
        broken.push({ file, link, reason: `${target} n’existe pas` });
        continue;
      }
      if (
        fragment &&
        target.endsWith('.md') &&
        !headingAnchors(readFileSync(join(root, target), 'utf8')).has(decodeURIComponent(fragment))
      ) {
        broken.push({ file, link, reason: `aucun titre de ${target} n’a l’ancre #${fragment}` });
      }
    }
  }
  return broken;
}
