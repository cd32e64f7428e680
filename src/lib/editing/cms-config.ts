/**
 * The web editor's configuration (Decap CMS, served from the site at /admin/ when configured): its
 * fields come from the content schemas, each with the schema's French description as its hint, and it
 * writes the same YAML files as the editors and `content:import`, through git.
 */
import { z } from 'astro/zod';
import { organisationSchema } from '../content/organisation-schema.ts';
import { serviceSchema } from '../content/service-schema.ts';
import { FIELD_LABELS } from './service-changes.ts';

/** Where the editor commits: Decap CMS backends (github, gitlab, gitea, git-gateway…) or "test-repo" to try it. */
export interface CmsSettings {
  backend: string;
  repo?: string;
  branch?: string;
  /** Address of the site, for the editor's "view" links. */
  siteUrl?: string;
}

/** Reads the settings from the environment; undefined (no /admin/) unless PASSERELLE_ADMIN_BACKEND is set. */
export function cmsSettingsFrom(env: Record<string, string | undefined>): CmsSettings | undefined {
  const backend = env.PASSERELLE_ADMIN_BACKEND?.trim();
  if (!backend) return undefined;
  return {
    backend,
    ...(env.PASSERELLE_ADMIN_REPO ? { repo: env.PASSERELLE_ADMIN_REPO } : {}),
    branch: env.PASSERELLE_ADMIN_BRANCH || 'main',
  };
}

interface JsonSchema {
  type?: string;
  description?: string;
  enum?: string[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  default?: unknown;
}

type CmsField = Record<string, unknown>;

const LABELS: Record<string, string> = {
  ...FIELD_LABELS,
  acronym: 'sigle',
  website: 'site web',
  email: 'courriel',
  phone: 'téléphone',
  address: 'adresse',
  postalCode: 'code postal',
  communeCode: 'code INSEE de la commune',
  latitude: 'latitude',
  longitude: 'longitude',
  openingHours: 'horaires (opening_hours)',
  openingHoursNote: 'précisions sur les horaires',
  confidential: 'adresse confidentielle',
  kind: 'type',
  details: 'précisions',
  wheelchair: 'accessible en fauteuil roulant',
  acceptedAccess: 'modes d’accès acceptés',
  departements: 'départements',
  communes: 'communes',
  url: 'adresse web',
  document: 'document',
  title: 'titre',
  date: 'date',
  consent: 'accord du service',
  channel: 'moyen de l’accord',
  confirmedBy: 'accord donné par',
};
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * How the editor names one item of a list and sums it up when folded (Decap says « 1 lieux », « No name »
 * otherwise). Items are shown unfolded: a new service starts with one empty place (Decap fills a list
 * whose items have a default value), and a folded empty place showed only « (commune ) ».
 */
const LIST_ITEMS: Record<string, { label_singular: string; summary: string; collapsed: false }> = {
  locations: { label_singular: 'lieu', summary: '{{fields.name}} (commune {{fields.communeCode}})', collapsed: false },
  sources: { label_singular: 'source', summary: '{{fields.title}} {{fields.url}}{{fields.document}}', collapsed: false },
};

/**
 * Fields written as a date (AAAA-MM-JJ, `isoDateField`): a date picker that writes that text. The last
 * check of a new service is today unless the editor changes it.
 */
const DATE_FIELDS: Record<string, CmsField> = {
  lastChecked: { default: '{{now}}' },
  date: {},
};
const dateField = (name: string): CmsField | undefined =>
  DATE_FIELDS[name] && {
    widget: 'datetime',
    date_format: 'YYYY-MM-DD',
    time_format: false,
    format: 'YYYY-MM-DD',
    picker_utc: false,
    ...DATE_FIELDS[name],
  };

function field(name: string, schema: JsonSchema, required: boolean): CmsField {
  const base: CmsField = {
    name,
    label: capitalise(LABELS[name] ?? name),
    required,
    ...(schema.description ? { hint: schema.description } : {}),
  };
  if (schema.type === 'array' && schema.items?.enum) return { ...base, widget: 'select', multiple: true, options: schema.items.enum };
  if (schema.type === 'array' && schema.items?.type === 'object')
    return { ...base, widget: 'list', ...LIST_ITEMS[name], fields: objectFields(schema.items, true) };
  if (schema.type === 'array') return { ...base, widget: 'list' };
  if (schema.type === 'object') return { ...base, widget: 'object', fields: objectFields(schema, required) };
  if (schema.enum) return { ...base, widget: 'select', options: schema.enum };
  const date = dateField(name);
  if (date) return { ...base, ...date };
  if (schema.type === 'boolean')
    return { ...base, widget: 'boolean', ...(schema.default !== undefined ? { default: schema.default } : {}) };
  if (schema.type === 'number') return { ...base, widget: 'number', value_type: 'float' };
  return { ...base, widget: name === 'description' || name === 'summary' ? 'text' : 'string' };
}

/**
 * The fields of an object. Decap checks a required field even inside an optional object left empty
 * (fees, orientation), and would then refuse to save most services: inside an optional object, no
 * field is required for the editor; content:check and the build still apply the schema.
 */
function objectFields(schema: JsonSchema, objectRequired: boolean): CmsField[] {
  const required = new Set(schema.required ?? []);
  // A field with a default is optional for the editor (the schema fills it in).
  return Object.entries(schema.properties ?? {}).map(([name, child]) =>
    field(name, child, objectRequired && required.has(name) && child.default === undefined),
  );
}

const fieldsOf = (schema: z.ZodType) => objectFields(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, true);

/** A choice among the organisations' files, stored as the file's name (its id), as the schema wants. */
const organisationRelation = (multiple: boolean): CmsField => ({
  widget: 'relation',
  collection: 'organisations',
  value_field: '{{slug}}',
  search_fields: ['name', 'acronym'],
  display_fields: ['name'],
  multiple,
});

/** Service fields that name an organisation: picked from the organisations collection, never typed. */
const SERVICE_RELATIONS: Record<string, CmsField> = { organisation: organisationRelation(false), federations: organisationRelation(true) };

const serviceFields = () => fieldsOf(serviceSchema).map((f) => ({ ...f, ...SERVICE_RELATIONS[f.name as string] }));

/** The Decap CMS configuration (config.yml) for the services and organisations collections. */
export function decapConfig(settings: CmsSettings): Record<string, unknown> {
  return {
    backend: {
      name: settings.backend,
      ...(settings.repo ? { repo: settings.repo } : {}),
      branch: settings.branch ?? 'main',
      commit_messages: {
        create: 'Nouvelle fiche {{collection}} : {{slug}}',
        update: 'Mise à jour de la fiche {{collection}} : {{slug}}',
        delete: 'Suppression de la fiche {{collection}} : {{slug}}',
      },
    },
    // Only on localhost: with `npx decap-server` running, the editor writes to the local files instead of the forge.
    local_backend: true,
    locale: 'fr',
    // A new file's name is its id (ID_PATTERN): lower case, no accent, words joined by hyphens.
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    ...(settings.siteUrl ? { site_url: settings.siteUrl } : {}),
    media_folder: 'public/medias',
    collections: [
      {
        name: 'services',
        label: 'Services',
        label_singular: 'Service',
        description: 'Une fiche par service. Chaque champ porte l’explication du guide des éditeurs (content/README.md).',
        folder: 'content/services',
        extension: 'yaml',
        format: 'yaml',
        create: true,
        identifier_field: 'name',
        slug: '{{slug}}',
        fields: serviceFields(),
      },
      {
        name: 'organisations',
        label: 'Organisations',
        label_singular: 'Organisation',
        folder: 'content/organisations',
        extension: 'yaml',
        format: 'yaml',
        create: true,
        identifier_field: 'name',
        slug: '{{slug}}',
        fields: fieldsOf(organisationSchema),
      },
    ],
  };
}
