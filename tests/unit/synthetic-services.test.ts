import { describe, expect, it } from 'vitest';
import { serviceSchema } from '../../src/lib/content/service-schema.ts';
import { generateSyntheticServices } from '../../scripts/lib/synthetic-services.ts';

describe('synthetic services (benchmarks and tests only)', () => {
  it('are valid against the real schema and deterministic for a seed', () => {
    const services = generateSyntheticServices(300, 7);
    for (const { id: _id, ...service } of services) {
      const result = serviceSchema.safeParse(service);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    }
    expect(generateSyntheticServices(5, 7)).toEqual(services.slice(0, 5));
    expect(new Set(services.map((s) => s.id)).size).toBe(300);
  });

  it('follow population: Paris gets more services than a village', () => {
    const services = generateSyntheticServices(2000, 3);
    const inParis = services.filter((s) => s.locations[0]?.communeCode.startsWith('751')).length;
    expect(inParis).toBeGreaterThan(20);
  });
});
