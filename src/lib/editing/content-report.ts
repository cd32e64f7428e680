/**
 * The federations' report: per federation and per département, how many services of each kind,
 * which entries are due for checking, which have no way to reach them, which accept online referrals,
 * and the white zones (départements with no known service of a kind). Shown by `npm run content:report`
 * as text and on /federations/rapport/.
 */
import { CHECK_DUE_AFTER_DAYS } from '../content/content-validation.ts';
import type { Organisation } from '../content/organisation-schema.ts';
import type { Service } from '../content/service-schema.ts';
import { servedDepartementCodes } from '../services/service-geography.ts';
import { SERVICE_KIND_INFO, SERVICE_KINDS, type ServiceKind } from '../services/service-vocabulary.ts';
import { listDepartements } from '../territories/territory-data.ts';

/** Days before the yearly check is due from which an entry is announced as "bientôt à revérifier". */
export const CHECK_SOON_DAYS = 60;

export interface ServiceMention {
  id: string;
  name: string;
  lastChecked: string;
}

export interface ReportGroup {
  /** Federation id, or département code. */
  key: string;
  label: string;
  total: number;
  byKind: Record<ServiceKind, number>;
  /** Not checked for more than CHECK_DUE_AFTER_DAYS days. */
  dueForCheck: ServiceMention[];
  /** Due within CHECK_SOON_DAYS days. */
  dueSoon: ServiceMention[];
  /** No phone, no email, no website. */
  unreachable: ServiceMention[];
  /** With an `orientation` block: Passerelle's form can send them a referral. */
  acceptingReferrals: ServiceMention[];
}

export interface ContentReport {
  /** Date of the report (AAAA-MM-JJ). */
  date: string;
  totals: ReportGroup;
  federations: ReportGroup[];
  departements: ReportGroup[];
  /** For each kind, the départements where no known service serves it. */
  whiteZones: { kind: ServiceKind; departements: { code: string; name: string }[] }[];
}

const NO_FEDERATION = 'sans-federation';

function ageDays(service: Service, today: Date): number {
  return (today.getTime() - Date.parse(service.lastChecked)) / 86_400_000;
}

function group(key: string, label: string, services: readonly Service[], today: Date): ReportGroup {
  const mention = (s: Service): ServiceMention => ({ id: s.id, name: s.name, lastChecked: s.lastChecked });
  const byKind = Object.fromEntries(SERVICE_KINDS.map((k) => [k, services.filter((s) => s.kinds.includes(k)).length])) as Record<
    ServiceKind,
    number
  >;
  const sorted = [...services].sort((a, b) => a.lastChecked.localeCompare(b.lastChecked) || a.id.localeCompare(b.id));
  return {
    key,
    label,
    total: services.length,
    byKind,
    dueForCheck: sorted.filter((s) => ageDays(s, today) > CHECK_DUE_AFTER_DAYS).map(mention),
    dueSoon: sorted
      .filter((s) => ageDays(s, today) <= CHECK_DUE_AFTER_DAYS && ageDays(s, today) > CHECK_DUE_AFTER_DAYS - CHECK_SOON_DAYS)
      .map(mention),
    unreachable: sorted.filter((s) => !s.contact.phone && !s.contact.email && !s.contact.website).map(mention),
    acceptingReferrals: sorted.filter((s) => s.orientation !== undefined).map(mention),
  };
}

/** Builds the report for the services currently open or temporarily closed (closed ones are left out). */
export function buildContentReport(
  allServices: readonly Service[],
  organisations: readonly Organisation[],
  today: Date = new Date(),
): ContentReport {
  const services = allServices.filter((s) => s.status !== 'fermé');
  const names = new Map(organisations.map((o) => [o.id, o.acronym ? `${o.acronym} (${o.name})` : o.name]));

  const byFederation = new Map<string, Service[]>();
  for (const service of services) {
    for (const federation of service.federations.length ? service.federations : [NO_FEDERATION]) {
      byFederation.set(federation, [...(byFederation.get(federation) ?? []), service]);
    }
  }
  const federations = [...byFederation]
    .map(([id, list]) => group(id, id === NO_FEDERATION ? 'Services sans fédération indiquée' : (names.get(id) ?? id), list, today))
    .sort((a, b) => (a.key === NO_FEDERATION ? 1 : b.key === NO_FEDERATION ? -1 : a.label.localeCompare(b.label, 'fr')));

  const servedBy = new Map<string, Service[]>();
  for (const service of services)
    for (const code of servedDepartementCodes(service)) servedBy.set(code, [...(servedBy.get(code) ?? []), service]);
  const departements = listDepartements().map((d) => group(d.code, `${d.name} (${d.code})`, servedBy.get(d.code) ?? [], today));

  const whiteZones = SERVICE_KINDS.map((kind) => ({
    kind,
    departements: listDepartements()
      .filter((d) => !(servedBy.get(d.code) ?? []).some((s) => s.kinds.includes(kind)))
      .map((d) => ({ code: d.code, name: d.name })),
  }));

  return {
    date: today.toISOString().slice(0, 10),
    totals: group('total', 'Tous les services', services, today),
    federations,
    departements,
    whiteZones,
  };
}

const kindCounts = (g: ReportGroup) =>
  SERVICE_KINDS.filter((k) => g.byKind[k] > 0)
    .map((k) => `${SERVICE_KIND_INFO[k].label.toLowerCase()} : ${g.byKind[k]}`)
    .join(', ') || 'aucun';

const mentions = (list: readonly ServiceMention[]) => list.map((m) => `${m.name} [${m.id}]`).join(', ');

function groupLines(g: ReportGroup): string[] {
  const lines = [`${g.label} : ${g.total} service(s) — ${kindCounts(g)}`];
  if (g.dueForCheck.length)
    lines.push(`  À revérifier (plus de ${CHECK_DUE_AFTER_DAYS} jours) : ${g.dueForCheck.length} — ${mentions(g.dueForCheck)}`);
  if (g.dueSoon.length) lines.push(`  À revérifier dans les ${CHECK_SOON_DAYS} jours : ${g.dueSoon.length} — ${mentions(g.dueSoon)}`);
  if (g.unreachable.length)
    lines.push(`  Sans aucun moyen de contact (ni téléphone, ni courriel, ni site) : ${g.unreachable.length} — ${mentions(g.unreachable)}`);
  lines.push(
    `  Reçoivent des demandes d’orientation en ligne : ${g.acceptingReferrals.length}${g.acceptingReferrals.length ? ` — ${mentions(g.acceptingReferrals)}` : ''}`,
  );
  return lines;
}

/** The report as plain French text, for the terminal. */
export function formatContentReport(report: ContentReport): string {
  const lines = [`Rapport sur les fiches de Passerelle, au ${report.date}`, '', ...groupLines(report.totals), '', 'Par fédération', ''];
  for (const g of report.federations) lines.push(...groupLines(g), '');
  lines.push('Par département (services qui le desservent ; départements sans aucun service omis)', '');
  for (const g of report.departements.filter((d) => d.total > 0)) lines.push(...groupLines(g), '');
  lines.push('Zones blanches : départements sans aucun service connu', '');
  for (const zone of report.whiteZones) {
    lines.push(
      `${SERVICE_KIND_INFO[zone.kind].label} : ${zone.departements.length} département(s) sur ${report.departements.length} — ${zone.departements.map((d) => d.code).join(', ') || 'aucun'}`,
    );
  }
  return lines.join('\n');
}
