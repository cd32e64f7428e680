/**
 * Import from data·inclusion at the size of a large département, in process (no spawn): 10,000
 * synthetic services as the content (generated now, never committed), and a hub file of 6,000
 * records: Passerelle's own export of 3,000 of them (read back: no change expected) and the export of
 * 3,000 other synthetic services as another producer's records (new candidates, or corrections where
 * content:check's duplicate rules tie them to the content). Reading, planning and the report must
 * stay under 10 s.
 */
import { CONTENT_PARSE_OPTIONS } from '../../src/lib/content/content-errors.ts';
import { serviceSchema, type Service } from '../../src/lib/content/service-schema.ts';
import { dataInclusionServices } from '../../src/lib/exports/data-inclusion.ts';
import { planHubImport } from '../../src/lib/import/hub-import.ts';
import { readDataInclusion } from '../../src/lib/import/hub-record.ts';
import { buildHubImportReport } from '../../src/lib/import/hub-report.ts';
import { generateSyntheticServices, type SyntheticService } from '../lib/synthetic-services.ts';

const TARGET_MS = 10_000;
const siteUrl = 'https://passerelle.example/';

const parse = ({ id, ...input }: SyntheticService): Service => ({ ...serviceSchema.parse(input, CONTENT_PARSE_OPTIONS), id });
const inputs = generateSyntheticServices(10_000, 42);
const content = inputs.map(parse);
const others = generateSyntheticServices(3_000, 99).map(parse);
const own = dataInclusionServices({ services: content.slice(0, 3_000), organisations: [], siteUrl });
const foreign = dataInclusionServices({ services: others, organisations: [], siteUrl }).map((record) => ({
  ...record,
  source: 'dora',
  id: record.id.replace(/^passerelle--/, 'dora--'),
  lien_source: `https://dora.exemple.test/${record.id}`,
}));
const file = JSON.parse(JSON.stringify([...own, ...foreign])) as unknown;
const inputById = new Map(inputs.map(({ id, ...input }) => [id, input]));

const started = performance.now();
const { records } = readDataInclusion(file);
const read = performance.now();
const outcomes = planHubImport(
  records,
  { services: content, organisations: [], readServiceFile: (id) => structuredClone(inputById.get(id)) },
  { today: new Date('2026-12-05') },
);
const planned = performance.now();
const report = buildHubImportReport(outcomes, 'mesure', '2026-12-05');
const done = performance.now();

const ownUnchanged = outcomes.filter((o) => o.record.source === 'passerelle' && o.action === 'inchangé').length;
const ownRecords = outcomes.filter((o) => o.record.source === 'passerelle').length;
const total = done - started;
console.table({
  lecture: { ms: Math.round(read - started) },
  rapprochement: { ms: Math.round(planned - read) },
  rapport: { ms: Math.round(done - planned) },
  total: { ms: Math.round(total), cible: `< ${TARGET_MS}` },
});
console.log(
  `${records.length} fiches lues contre ${content.length} services : ${JSON.stringify(report.totals)} ; export de Passerelle relu : ${ownUnchanged}/${ownRecords} inchangées.`,
);
const ok = total < TARGET_MS && ownUnchanged === ownRecords;
console.log(ok ? 'Cible tenue.' : 'Cible manquée.');
process.exitCode = ok ? 0 : 1;
