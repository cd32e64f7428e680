import { describe, expect, it } from 'vitest';
import type { Service } from '../../src/lib/content/service-schema.ts';
import {
  departementCoverage,
  groupByKind,
  kindsWithNothingNear,
  isListed,
  nearestServicesOfKind,
  servicesForDepartement,
  servicesForRegion,
  servicesOfKindByDepartement,
} from '../../src/lib/services/service-listing.ts';
import { NEAR_DISTANCE_KM } from '../../src/lib/services/service-reach.ts';
import { SERVICE_KINDS } from '../../src/lib/services/service-vocabulary.ts';
import { getDepartement } from '../../src/lib/territories/territory-data.ts';
import { syntheticService } from '../support/referral-fixtures.ts';

const service = syntheticService;

// Arras (62), Amiens (80, neighbour of 62, about 55 km), Lille (59, neighbour, about 45 km), Dunkerque (59, about
// 90 km), Saint-Quentin (02, about 60 km, not a neighbour), Reims (51, about 150 km, not a neighbour), Paris (about
// 160 km, no postal code given), Marseille 1er (13, far away).
const arras = { postalCode: '62000', communeCode: '62041' };
const amiens = { postalCode: '80000', communeCode: '80021' };
const lille = { postalCode: '59000', communeCode: '59350' };
const reims = { postalCode: '51100', communeCode: '51454' };
const dunkerque = { communeCode: '59183' };
const saintQuentin = { postalCode: '02100', communeCode: '02691' };
const paris = { communeCode: '75056' };
const marseille = { postalCode: '13001', communeCode: '13201' };

const services = [
  service('er-arras', {
    name: 'Zèbre espace de rencontre',
    kinds: ['espace-rencontre', 'soutien-parentalite'],
    locations: [arras],
    access: ['decision-jaf'],
  }),
  service('mf-amiens', { name: 'Médiation d’Amiens', kinds: ['mediation-familiale'], locations: [amiens], access: ['demarche-spontanee'] }),
  service('mf-lille', {
    name: 'Médiation de Lille',
    kinds: ['mediation-familiale'],
    locations: [lille],
    access: ['decision-jaf', 'demarche-spontanee'],
  }),
  service('mf-marseille', { name: 'Médiation de Marseille', kinds: ['mediation-familiale'], locations: [marseille] }),
  service('vt-marseille', {
    name: 'Visites de Marseille',
    kinds: ['visites-tiers'],
    locations: [marseille],
    access: ['decision-juge-des-enfants'],
  }),
  service('ms-lille-ferme', {
    name: 'Ancienne médiation sociale',
    kinds: ['mediation-sociale'],
    status: 'fermé',
    locations: [lille],
    access: ['decision-jaf'],
  }),
  service('sp-nord-area', {
    name: 'Accueil parents à domicile',
    kinds: ['soutien-parentalite'],
    locations: [lille],
    servedArea: { departements: ['62'] },
  }),
];
const byId = (list: readonly { id: string }[]): string[] => list.map((s) => s.id);

describe('listing rules', () => {
  it('leaves closed services out of every list', () => {
    expect(isListed(services.find((s) => s.id === 'ms-lille-ferme') as Service)).toBe(false);
    expect(byId(servicesForDepartement(services, '59'))).not.toContain('ms-lille-ferme');
  });

  it('groups by kind in vocabulary order, a service with two kinds in both groups', () => {
    const groups = groupByKind(services.filter(isListed));
    expect(groups.map((g) => g.kind)).toEqual([
      'mediation-familiale',
      'espace-rencontre',
      'visites-tiers',
      'soutien-parentalite',
      'mediation-sociale',
    ]);
    expect(byId(groups[1]?.services ?? [])).toEqual(['er-arras']);
    expect(byId(groups[3]?.services ?? [])).toEqual(['sp-nord-area', 'er-arras']);
    expect(groups[4]?.services).toEqual([]);
  });

  it('lists for a département the services located there and those whose area covers it, by name', () => {
    expect(byId(servicesForDepartement(services, '62'))).toEqual(['sp-nord-area', 'er-arras']);
  });

  it('lists for a région the services of its départements', () => {
    const hautsDeFrance = getDepartement('62')?.regionCode as string;
    expect(byId(servicesForRegion(services, hautsDeFrance)).sort()).toEqual(['er-arras', 'mf-amiens', 'mf-lille', 'sp-nord-area']);
  });
});

describe('nearest services for a kind missing in a département', () => {
  it('puts services of neighbouring départements first, nearest first, then the others within the kind’s near distance', () => {
    const withinReach = [
      ...services,
      service('mf-dunkerque', { name: 'Médiation de Dunkerque', kinds: ['mediation-familiale'], locations: [dunkerque] }),
      service('mf-saint-quentin', { name: 'Médiation de Saint-Quentin', kinds: ['mediation-familiale'], locations: [saintQuentin] }),
      service('mf-reims', { name: 'Médiation de Reims', kinds: ['mediation-familiale'], locations: [reims] }),
      service('mf-paris', { name: 'Médiation de Paris', kinds: ['mediation-familiale'], locations: [paris] }),
    ];
    const nearest = nearestServicesOfKind(withinReach, 'mediation-familiale', '62', 10);
    // Saint-Quentin is nearer than Dunkerque but not in a neighbouring département; Reims and Paris are
    // beyond the 100 km of a mediation.
    expect(byId(nearest.map((n) => n.service))).toEqual(['mf-lille', 'mf-amiens', 'mf-dunkerque', 'mf-saint-quentin']);
    expect(nearest.map((n) => n.neighbouring)).toEqual([true, true, true, false]);
    // Arras–Lille is about 45 km, Arras–Amiens about 55 km.
    expect(nearest[0]?.distanceKm).toBeGreaterThan(35);
    expect(nearest[0]?.distanceKm).toBeLessThan(55);
    expect(nearest[1]?.distanceKm).toBeGreaterThan(nearest[0]?.distanceKm as number);
    expect(nearest[3]?.distanceKm).toBeLessThan(nearest[2]?.distanceKm as number);
  });

  it('never proposes a service beyond the kind’s near distance: Marseille is not « near » Arras, nor Lille for a LAEP in Amiens', () => {
    const nearest = nearestServicesOfKind(services, 'mediation-familiale', '62', 10);
    expect(byId(nearest.map((n) => n.service))).not.toContain('mf-marseille');
    for (const n of nearest) expect(n.distanceKm).toBeLessThanOrEqual(NEAR_DISTANCE_KM['mediation-familiale']);
    // Lille–Amiens is about 100 km: too far for a drop-in place (30 km), though within a mediation's reach.
    expect(nearestServicesOfKind(services, 'soutien-parentalite', '80')).toEqual([]);
    expect(byId(nearestServicesOfKind(services, 'mediation-familiale', '80').map((n) => n.service))).toEqual(['mf-lille']);
  });

  it('sends an overseas département nowhere when it has no service of a kind, rather than to the mainland', () => {
    // Guadeloupe (971): every service above is in mainland France, more than 6,000 km away.
    expect(nearestServicesOfKind(services, 'mediation-familiale', '971')).toEqual([]);
    expect(departementCoverage(services, '971').every((c) => c.services.length === 0 && c.nearest.length === 0)).toBe(true);
    // Martinique (972) is about 170 km from Guadeloupe's préfecture, Basse-Terre, across the sea: beyond
    // a mediation's 100 km, so not proposed either.
    const fortDeFrance = service('mf-fort-de-france', {
      name: 'Médiation de Fort-de-France',
      kinds: ['mediation-familiale'],
      locations: [{ postalCode: '97200', communeCode: '97209' }],
    });
    expect(nearestServicesOfKind([...services, fortDeFrance], 'mediation-familiale', '971')).toEqual([]);
  });

  it('respects the limit and never proposes a service of the département itself', () => {
    expect(nearestServicesOfKind(services, 'mediation-familiale', '62', 1)).toHaveLength(1);
    expect(byId(nearestServicesOfKind(services, 'mediation-familiale', '59').map((n) => n.service))).not.toContain('mf-lille');
  });

  it('gives each kind its services, or the nearest ones when it has none', () => {
    const coverage = departementCoverage(services, '62', 2);
    const mediation = coverage.find((c) => c.kind === 'mediation-familiale');
    const meeting = coverage.find((c) => c.kind === 'espace-rencontre');
    const social = coverage.find((c) => c.kind === 'mediation-sociale');
    expect(mediation?.services).toEqual([]);
    expect(byId(mediation?.nearest.map((n) => n.service) ?? [])).toEqual(['mf-lille', 'mf-amiens']);
    expect(byId(meeting?.services ?? [])).toEqual(['er-arras']);
    expect(meeting?.nearest).toEqual([]);
    expect(social?.services).toEqual([]);
    expect(social?.nearest).toEqual([]);
  });

  it('names the kinds with nothing near: none here and none within the kind’s distance', () => {
    const coverage = departementCoverage(services, '62', 2);
    const nothingNear = kindsWithNothingNear(coverage);
    // Médiation familiale has none in the Pas-de-Calais but some near (Lille, Amiens); the espace de rencontre is in Arras.
    expect(nothingNear).toContain('mediation-sociale');
    expect(nothingNear).not.toContain('mediation-familiale');
    expect(nothingNear).not.toContain('espace-rencontre');
    for (const kind of nothingNear) {
      const section = coverage.find((c) => c.kind === kind);
      expect(section?.services.length, kind).toBe(0);
      expect(section?.nearest.length, kind).toBe(0);
    }
    // Guadeloupe: every kind, since every service is on the mainland.
    expect(kindsWithNothingNear(departementCoverage(services, '971'))).toEqual([...SERVICE_KINDS]);
  });
});

describe('servicesOfKindByDepartement', () => {
  it('groups the services of a kind under each département they serve, in INSEE order', () => {
    const groups = servicesOfKindByDepartement(services, 'soutien-parentalite');
    expect(groups.map((g) => g.departement.code)).toEqual(['59', '62']);
    expect(byId(groups[1]?.services ?? [])).toEqual(['sp-nord-area', 'er-arras']);
  });
});
