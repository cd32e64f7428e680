/**
 * The order the test files start in: the longest first, whatever their project, so that the two
 * projects share the workers and no long file starts last. Vitest's own order runs one project's files
 * before the other's. A file's duration comes from the last run (Vitest's results cache) or, on a fresh
 * clone, from reference-durations.json: the seconds each file took in a reference run of `npm test`
 * from a clean state (copied from Vitest's results cache after that run, files of a second or more).
 * Only the order they give matters: a figure that has aged makes no test fail. A file in neither
 * (new, or shorter than a second) goes after them, by its size, a browser file's size counting four
 * times.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const REFERENCE_SECONDS = JSON.parse(readFileSync(new URL('reference-durations.json', import.meta.url), 'utf8')) as Record<string, number>;

export default class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (spec: TestSpecification): [number, number] => {
      const reference = REFERENCE_SECONDS[relative(this.ctx.config.root, spec.moduleId)];
      const duration =
        this.ctx.cache.getTestSpecificationResult(spec)?.duration ?? (reference === undefined ? undefined : reference * 1000);
      const size = statSync(spec.moduleId).size;
      return duration === undefined ? [1, spec.project.name === 'e2e' ? 4 * size : size] : [0, duration];
    };
    const keys = new Map(files.map((spec) => [spec, key(spec)]));
    return Promise.resolve(
      [...files].sort((a, b) => {
        const [[knownA, weightA], [knownB, weightB]] = [keys.get(a) ?? [0, 0], keys.get(b) ?? [0, 0]];
        return knownA - knownB || weightB - weightA;
      }),
    );
  }
}
