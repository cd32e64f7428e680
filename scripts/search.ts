/**
 * npm run --silent search -- "<texte>" [--near <code INSEE>] [--kind <type>]... [--departement <code>]
 *   [--rayon <km>] [--limit N] [--json]
 * Searches the content with the embedded engine, as the site does. With --near, nearest first.
 * Reads content/ (or PASSERELLE_CONTENT_DIR). Errors are in French, on standard error.
 */
import { parseArgs } from 'node:util';
import { createEmbeddedEngine } from '../src/lib/search/embedded-engine.ts';
import { buildSearchDocuments } from '../src/lib/search/search-documents.ts';
import { emptyQuery, type SearchPlace } from '../src/lib/search/search-model.ts';
import { communePlace } from '../src/lib/search/search-place.ts';
import { SERVICE_KINDS, type ServiceKind } from '../src/lib/services/service-vocabulary.ts';
import { roundDistanceKm } from '../src/lib/territories/geo-distance.ts';
import { getCommune, getDepartement } from '../src/lib/territories/territory-data.ts';
import { DEFAULT_CONTENT_DIR, loadContent } from './lib/content-files.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      near: { type: 'string' },
      kind: { type: 'string', multiple: true },
      departement: { type: 'string' },
      rayon: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
} catch (error) {
  fail(
    `Option non reconnue : ${(error as Error).message}\nUsage : npm run --silent search -- "<texte>" [--near <code INSEE>] [--kind <type>]... [--departement <code>] [--rayon <km>] [--limit N] [--json]`,
  );
}
const { values, positionals } = parsed;

const kinds = (values.kind ?? []).map((kind) => {
  if (!(SERVICE_KINDS as readonly string[]).includes(kind))
    fail(`Type de service inconnu : « ${kind} ». Types possibles : ${SERVICE_KINDS.join(', ')}.`);
  return kind as ServiceKind;
});

let place: SearchPlace | undefined;
if (values.near !== undefined) {
  const commune = getCommune(values.near.trim().toUpperCase());
  if (!commune)
    fail(
      `Code INSEE inconnu : « ${values.near} ». Donnez le code INSEE de la commune (5 caractères, par exemple 62498 pour Lens), pas son code postal.`,
    );
  place = communePlace(commune);
}

const departement = values.departement?.trim().toUpperCase();
if (departement !== undefined && !getDepartement(departement))
  fail(`Département inconnu : « ${values.departement} ». Donnez son code, par exemple 62, 2A ou 971.`);

const limit = values.limit === undefined ? 20 : Number(values.limit);
if (!Number.isInteger(limit) || limit < 1) fail(`--limit attend un nombre entier positif, pas « ${values.limit} ».`);
const radius = values.rayon === undefined ? undefined : Number(values.rayon);
if (radius !== undefined && !(radius > 0)) fail(`--rayon attend une distance en kilomètres, pas « ${values.rayon} ».`);
if (radius !== undefined && !place) fail('--rayon demande aussi --near <code INSEE>.');

const contentDir = process.env.PASSERELLE_CONTENT_DIR ?? DEFAULT_CONTENT_DIR;
const { services, organisations, problems } = loadContent(contentDir);
const errors = problems.filter((p) => p.severity === 'erreur');
if (errors.length)
  console.error(
    `Attention : ${errors.length} erreur(s) dans le contenu ; les fiches invalides sont ignorées (npm run content:check pour le détail).`,
  );

const engine = createEmbeddedEngine(buildSearchDocuments(services, organisations));
const results = await engine.search(
  emptyQuery({
    text: positionals.join(' '),
    kinds,
    ...(departement ? { departements: [departement] } : {}),
    ...(place ? { place } : {}),
    ...(radius !== undefined ? { radiusKm: radius } : {}),
    pageSize: limit,
  }),
);

const rows = results.hits.map(({ document, distanceKm, nearest }) => ({
  id: document.id,
  name: document.name,
  kinds: document.kinds,
  departement: (nearest ?? document.locations[0])?.departementCode ?? document.departements[0] ?? null,
  commune: (nearest ?? document.locations[0])?.communeName ?? null,
  ...(distanceKm !== undefined ? { distanceKm: roundDistanceKm(distanceKm) } : {}),
  phone: document.phone ?? null,
  path: document.path,
}));

if (values.json) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else if (rows.length === 0) {
  console.log('Aucun service ne correspond.');
} else {
  console.log(`${results.total} service(s)${results.total > rows.length ? `, ${rows.length} affiché(s)` : ''} :`);
  for (const row of rows) {
    const distance = row.distanceKm !== undefined ? ` à ${String(row.distanceKm).replace('.', ',')} km` : '';
    console.log(`- ${row.name} (${row.kinds.join(', ')}) ${row.commune ?? ''} [${row.departement ?? '?'}]${distance} ${row.path}`);
  }
}
