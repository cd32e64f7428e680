/**
 * The order the test files start in: the longest first, whatever their project, so that the two
 * projects share the workers and no long file starts last. Vitest's own order runs one project's files
 * before the other's. A file's duration comes from the last run (Vitest's results cache); a file
 * never run yet goes first, by its size, a browser file's size counting four times (a line of a
 * browser test takes a few seconds per kilobyte, a unit test's about one or less).
 */
import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export default class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (spec: TestSpecification): [number, number] => {
      const duration = this.ctx.cache.getTestSpecificationResult(spec)?.duration;
      const size = statSync(spec.moduleId).size;
      return duration === undefined ? [1, spec.project.name === 'e2e' ? 4 * size : size] : [0, duration];
    };
    const keys = new Map(files.map((spec) => [spec, key(spec)]));
    return Promise.resolve(
      [...files].sort((a, b) => {
        const [[knownA, weightA], [knownB, weightB]] = [keys.get(a) ?? [0, 0], keys.get(b) ?? [0, 0]];
        return knownB - knownA || weightB - weightA;
      }),
    );
  }
}
