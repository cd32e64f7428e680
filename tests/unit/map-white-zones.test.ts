/** The white-zone map drawn at build time from the territory outlines (real geography, no content). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutlines } from '../../src/lib/map/map-outlines.ts';
import { drawFrance } from '../../src/lib/map/map-white-zones.ts';

const outlines = parseOutlines(readFileSync(resolve(import.meta.dirname, '../../src/lib/territories/data/departements.geojson'), 'utf8'));
const drawn = drawFrance(outlines);
const [, , width, height] = drawn.viewBox.split(' ').map(Number) as [number, number, number, number];

/** Every x,y pair of a path. */
const points = (d: string): [number, number][] => [...d.matchAll(/(-?\d+) (-?\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('drawFrance', () => {
  it('draws each of the 101 départements once, none empty', () => {
    expect(drawn.departements).toHaveLength(101);
    expect(new Set(drawn.departements.map((d) => d.code)).size).toBe(101);
    for (const d of drawn.departements) expect(points(d.d).length, d.code).toBeGreaterThanOrEqual(3);
  });

  it('keeps every point inside the frame, the overseas départements in their own insets under the mainland', () => {
    for (const d of drawn.departements)
      for (const [x, y] of points(d.d)) expect(x >= 0 && x <= width && y >= 0 && y <= height, d.code).toBe(true);
    expect(drawn.insets).toHaveLength(5);
    const mainlandBottom = Math.min(...drawn.insets.map((inset) => inset.y));
    for (const code of ['971', '972', '973', '974', '976']) {
      const d = drawn.departements.find((x) => x.code === code);
      for (const [, y] of points(d?.d ?? '')) expect(y).toBeGreaterThanOrEqual(mainlandBottom);
    }
    // Corsica is drawn in the mainland frame, east of the Bouches-du-Rhône.
    const xs = (code: string) => points(drawn.departements.find((x) => x.code === code)?.d ?? '').map(([x]) => x);
    expect(Math.min(...xs('2B'))).toBeGreaterThan(Math.max(...xs('13')));
  });

  it('stays small enough to draw five times on one page', () => {
    const size = drawn.departements.reduce((total, d) => total + d.d.length, 0);
    expect(size).toBeLessThan(60_000);
  });
});
