/**
 * The contribution form: its field names, and the conversion of posted fields into a service entry
 * validated by the content schema itself (the one `npm run content:check` applies), with the same
 * French messages, keyed by the form field to show them next to.
 */
import { z } from 'astro/zod';
import { CONTENT_PARSE_OPTIONS } from '../content/content-errors.ts';
import { emailField } from '../content/content-fields.ts';
import { serviceSchema, type ServiceData, type ServiceInput } from '../content/service-schema.ts';
import { newServiceId } from '../editing/service-id.ts';
import { resolveCommuneText } from '../referral/referral-commune.ts';
import { FORM_ERROR_KEY, formGuardErrors, type CommuneChoice, type FieldErrors, type FormFields } from '../referral/referral-form.ts';
import { ACCESS_MODES, FEE_KINDS, SERVICE_KINDS, type AccessMode, type FeeKind, type ServiceKind } from '../services/service-vocabulary.ts';
import { getCommune } from '../territories/territory-data.ts';
import { foldText } from '../territories/text-normalize.ts';
import { CONTRIBUTION_FIELDS, contributionFieldId } from './contribution-fields.ts';
import {
  CONTRIBUTION_KINDS,
  CONTRIBUTION_LIMITS,
  CONTRIBUTOR_ROLES,
  CONTRIBUTOR_ROLE_PUBLIC,
  type ContributionKind,
  type ContributorRole,
} from './contribution-vocabulary.ts';

export { FORM_ERROR_KEY, type FieldErrors, type FormFields };
export { CONTRIBUTION_FIELDS, contributionFieldId };

/** Fields whose text may span several lines; every other one must hold on one. */
const MULTILINE = new Set<string>([CONTRIBUTION_FIELDS.summary, CONTRIBUTION_FIELDS.note]);

export const CONTRIBUTION_MESSAGES = {
  markup: 'Ce champ contient du code ou une balise (« < » suivi de lettres) : écrivez du texte simple.',
  oneLine: 'Ce champ doit tenir sur une ligne : retirez les retours à la ligne et les caractères invisibles.',
  control: 'Ce champ contient des caractères invisibles non acceptés : retapez-le.',
  tooLong: (max: number) => `Ce champ est trop long : ${max} caractères au plus.`,
  kind: 'Choisissez ce que vous souhaitez faire : proposer un service, corriger une fiche ou recevoir les demandes d’orientation.',
  unknownService: 'Cette fiche n’existe pas (ou plus) dans l’annuaire : repartez de la page du service.',
  commune: 'Indiquez la commune du service (nom ou code postal).',
  source: 'Donnez au moins une source : l’adresse d’une page web qui présente le service, ou cochez « Je gère ce service ».',
  sourceManagerRole:
    'Seul le gestionnaire du service peut être la source : choisissez « Je gère ce service » comme rôle, ou donnez l’adresse d’une page web.',
  contributorName: 'Indiquez votre nom (2 caractères au moins) : les modérateurs peuvent avoir besoin de vous écrire.',
  contributorRole: 'Indiquez à quel titre vous écrivez.',
  contributorEmail: 'Indiquez une adresse e-mail valide : les modérateurs vous répondent à cette adresse (elle n’est jamais publiée).',
  noChange: 'Vous n’avez rien modifié : changez au moins un champ, ou écrivez votre remarque aux modérateurs.',
  orientationAccess: 'Cochez au moins un mode d’arrivée que le service accepte pour une demande en ligne.',
} as const;

export interface Contributor {
  name: string;
  role: ContributorRole;
  /** Only in the moderators' message (as its Reply-To): never in a published file. */
  email: string;
}

/** A validated contribution: the entry as an editor would write it, and who sent it. */
export interface Contribution {
  kind: ContributionKind;
  /** The file name: content/services/<serviceId>.yaml. */
  serviceId: string;
  /** The whole entry after the change, as written in the file (before the schema's defaults). */
  input: ServiceInput;
  /** The same entry as the site reads it. */
  data: ServiceData;
  contributor: Contributor;
  /** The contributor's words to the moderators (not published). */
  note?: string;
  /** Who runs it, as typed, when no organisation of the directory has that name. */
  unmatchedManager?: string;
  /** For an opt-in: where referrals go and the ways of arriving accepted. */
  orientation?: { email: string; acceptedAccess: AccessMode[] };
}

export type ContributionParse =
  { ok: true; contribution: Contribution } | { ok: false; errors: FieldErrors; communeChoices?: CommuneChoice[] };

export interface ContributionContext {
  /** Ids of the services already published (a new id must not take one). */
  serviceIds: ReadonlySet<string>;
  organisations: readonly { id: string; name: string }[];
  /** For a correction or an opt-in: the entry as its file holds it. */
  current?: ServiceInput;
  /** Epoch milliseconds. */
  now: number;
  /**
   * false in the browser: the anti-robot checks (hidden field, fill time measured from the server's
   * clock) are the server's alone; every other rule is the same.
   */
  guards?: false;
}

const isChecked = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== 'false' && value !== '0';

/** The French message of a text that cannot go into a content file, or undefined when it can. */
export function unsafeTextMessage(name: string, value: string): string | undefined {
  if (/<[a-zA-Z/!?]/.test(value)) return CONTRIBUTION_MESSAGES.markup;
  const multiline = MULTILINE.has(name);
  if (!multiline && /[\r\n\u2028\u2029]/.test(value)) return CONTRIBUTION_MESSAGES.oneLine;
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/.test(value))
    return CONTRIBUTION_MESSAGES.control;
  const max = multiline ? CONTRIBUTION_LIMITS.textMax : CONTRIBUTION_LIMITS.lineMax;
  return value.length > max ? CONTRIBUTION_MESSAGES.tooLong(max) : undefined;
}

/** The form field that shows a schema problem on a service path ("locations.0.communeCode" → "commune"). */
export function formFieldOfServicePath(path: readonly PropertyKey[]): string {
  const [head, index, leaf] = path.map(String);
  if (head === 'locations') {
    if (leaf === 'communeCode' || leaf === undefined) return CONTRIBUTION_FIELDS.commune;
    return leaf === 'latitude' || leaf === 'longitude' ? CONTRIBUTION_FIELDS.address : leaf;
  }
  if (head === 'sources') return CONTRIBUTION_FIELDS.sourceUrl;
  if (head === 'kinds' || head === 'access') return head;
  if (head === 'contact' || head === 'fees' || head === 'orientation')
    return index !== undefined && Number.isNaN(Number(index)) ? `${head}.${index}` : head;
  return head ?? FORM_ERROR_KEY;
}

const text = (fields: FormFields, name: string): string | undefined => {
  const value = fields[name]?.trim();
  return value ? value : undefined;
};

/**
 * The values whose checkbox is ticked: those of `kept` first, in their order (a correction does not
 * reorder a list the file already has), then the others in the vocabulary's order.
 */
function checkedOf<T extends string>(fields: FormFields, prefix: string, values: readonly T[], kept: readonly T[] = []): T[] {
  const ticked = values.filter((value) => isChecked(fields[`${prefix}${value}`]));
  return [...kept.filter((value) => ticked.includes(value)), ...ticked.filter((value) => !kept.includes(value))];
}

/** The organisation of the directory that the typed name or id designates, if exactly one. */
function matchOrganisation(typed: string, organisations: ContributionContext['organisations']): string | undefined {
  const folded = foldText(typed);
  const found = organisations.filter((o) => o.id === typed || foldText(o.name) === folded);
  return found.length === 1 ? found[0]?.id : undefined;
}

/** "2026-12-05" in UTC. */
export const isoDay = (now: number): string => new Date(now).toISOString().slice(0, 10);

/**
 * The anti-robot checks, then every field: the posted fields become the whole service entry (the
 * current one changed, for a correction), validated by the content schema.
 */
export function contributionFromForm(fields: FormFields, context: ContributionContext): ContributionParse {
  const guards = context.guards === false ? {} : formGuardErrors(fields, context.now, CONTRIBUTION_LIMITS.minFillMs);
  if (Object.keys(guards).length) return { ok: false, errors: guards };

  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(fields)) {
    const problem = unsafeTextMessage(name, value);
    if (problem) errors[name] = problem;
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  const kind = CONTRIBUTION_KINDS.find((k) => k === fields[CONTRIBUTION_FIELDS.kind]);
  if (!kind) return { ok: false, errors: { [CONTRIBUTION_FIELDS.kind]: CONTRIBUTION_MESSAGES.kind } };
  const current = kind === 'nouveau' ? undefined : context.current;
  if (kind !== 'nouveau' && !current) return { ok: false, errors: { [FORM_ERROR_KEY]: CONTRIBUTION_MESSAGES.unknownService } };

  const contributor = contributorFrom(fields, errors);
  const today = isoDay(context.now);
  const sources = sourcesFrom(fields, contributor?.role, today, current, errors);
  let communeChoices: CommuneChoice[] | undefined;
  let input: ServiceInput;
  let orientation: Contribution['orientation'];
  let unmatchedManager: string | undefined;
  if (kind === 'orientation' && current) {
    // An opt-in changes nothing else: the orientation block is added once the link is followed.
    const email = text(fields, CONTRIBUTION_FIELDS.orientationEmail) ?? '';
    const acceptedAccess = checkedOf(fields, CONTRIBUTION_FIELDS.orientationAccessPrefix, ACCESS_MODES);
    if (!emailField.safeParse(email).success)
      errors[CONTRIBUTION_FIELDS.orientationEmail] =
        'Indiquez l’adresse e-mail qui recevra les demandes d’orientation (exemple : accueil@association.fr).';
    if (!acceptedAccess.length) errors.orientation = CONTRIBUTION_MESSAGES.orientationAccess;
    orientation = { email, acceptedAccess };
    input = current;
  } else {
    const resolved = placeFrom(fields, current, errors);
    communeChoices = resolved.choices;
    const typedManager = text(fields, CONTRIBUTION_FIELDS.manager);
    const organisation = typedManager ? matchOrganisation(typedManager, context.organisations) : undefined;
    if (typedManager && !organisation) unmatchedManager = typedManager;
    input = serviceInputFrom(fields, current, resolved.location, organisation, sources ?? [], today);
  }
  if (Object.keys(errors).length) return { ok: false, errors, ...(communeChoices ? { communeChoices } : {}) };

  const parsed = serviceSchema.safeParse(input, CONTENT_PARSE_OPTIONS);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[formFieldOfServicePath(issue.path)] ??= issue.message;
    return { ok: false, errors };
  }
  const note = text(fields, CONTRIBUTION_FIELDS.note);
  if (kind === 'correction' && current && sameEntryBesidesCheck(current, input) && !note) {
    return { ok: false, errors: { [FORM_ERROR_KEY]: CONTRIBUTION_MESSAGES.noChange } };
  }
  const serviceId =
    kind === 'nouveau'
      ? newServiceId(input.name, input.locations[0]?.communeCode ?? '', context.serviceIds)
      : (fields[CONTRIBUTION_FIELDS.serviceId] ?? '');
  return {
    ok: true,
    contribution: {
      kind,
      serviceId,
      input,
      data: parsed.data,
      contributor: contributor as Contributor,
      ...(note ? { note } : {}),
      ...(unmatchedManager ? { unmatchedManager } : {}),
      ...(orientation ? { orientation } : {}),
    },
  };
}

/**
 * The browser's check before sending: the same parsing and messages as the server, without the
 * anti-robot checks. `current` is the entry a correction or an opt-in starts from. No errors: send.
 */
export function contributionErrorsBeforeSending(
  fields: FormFields,
  current: ServiceInput | undefined,
  now: number,
): { errors: FieldErrors; communeChoices?: CommuneChoice[] } {
  const { [CONTRIBUTION_FIELDS.honeypot]: _trap, ...typed } = fields;
  const parsed = contributionFromForm(typed, {
    serviceIds: new Set(),
    organisations: [],
    now,
    guards: false,
    ...(current ? { current } : {}),
  });
  return parsed.ok
    ? { errors: {} }
    : { errors: parsed.errors, ...(parsed.communeChoices ? { communeChoices: parsed.communeChoices } : {}) };
}

/** Whether two entries differ only by their sources and date of check (what a contribution adds to any change). */
function sameEntryBesidesCheck(a: ServiceInput, b: ServiceInput): boolean {
  const strip = ({ sources: _s, lastChecked: _l, ...rest }: ServiceInput) => rest;
  return canonical(strip(a)) === canonical(strip(b));
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([x], [y]) => x.localeCompare(y)),
        )
      : v,
  );

const contributorSchema = z.strictObject({
  name: z.string().min(2, { error: CONTRIBUTION_MESSAGES.contributorName }).max(100, { error: CONTRIBUTION_MESSAGES.contributorName }),
  role: z.enum(CONTRIBUTOR_ROLES, { error: CONTRIBUTION_MESSAGES.contributorRole }),
  email: z.email({ error: CONTRIBUTION_MESSAGES.contributorEmail }),
});

function contributorFrom(fields: FormFields, errors: FieldErrors): Contributor | undefined {
  const parsed = contributorSchema.safeParse({
    name: text(fields, CONTRIBUTION_FIELDS.contributorName) ?? '',
    role: fields[CONTRIBUTION_FIELDS.contributorRole] ?? '',
    email: text(fields, CONTRIBUTION_FIELDS.contributorEmail) ?? '',
  });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) errors[`contributor.${String(issue.path[0])}`] ??= issue.message;
  return undefined;
}

/** The sources after the change: the current ones, plus the page given or the manager's own word. */
function sourcesFrom(
  fields: FormFields,
  role: ContributorRole | undefined,
  today: string,
  current: ServiceInput | undefined,
  errors: FieldErrors,
): ServiceInput['sources'] | undefined {
  const url = text(fields, CONTRIBUTION_FIELDS.sourceUrl);
  const byManager = isChecked(fields[CONTRIBUTION_FIELDS.sourceIsManager]);
  if (!url && !byManager) {
    errors[CONTRIBUTION_FIELDS.sourceUrl] = CONTRIBUTION_MESSAGES.source;
    return undefined;
  }
  if (byManager && role !== undefined && role !== 'gestionnaire') {
    errors[CONTRIBUTION_FIELDS.sourceIsManager] = CONTRIBUTION_MESSAGES.sourceManagerRole;
    return undefined;
  }
  const title = `${CONTRIBUTOR_ROLE_PUBLIC[role ?? 'autre']} le ${today}`;
  const added: ServiceInput['sources'] = [
    ...(url ? [{ url, title }] : []),
    ...(byManager ? [{ document: 'Déclaration du gestionnaire du service, reçue par le formulaire de Passerelle', title }] : []),
  ];
  const kept = (current?.sources ?? []).filter((source) => !added.some((a) => a.url !== undefined && a.url === source.url));
  return [...kept, ...added];
}

type Location = ServiceInput['locations'][number];

/** The first place after the change: the commune typed, then its address and hours. */
function placeFrom(
  fields: FormFields,
  current: ServiceInput | undefined,
  errors: FieldErrors,
): { location: Location; choices?: CommuneChoice[] } {
  const existing = current?.locations[0];
  const communeText = fields[CONTRIBUTION_FIELDS.commune]?.trim() ?? '';
  let communeCode = existing?.communeCode ?? '';
  let choices: CommuneChoice[] | undefined;
  if (communeText || !existing) {
    const resolution = communeText
      ? resolveCommuneText(communeText, text(fields, CONTRIBUTION_FIELDS.communeCode))
      : { error: CONTRIBUTION_MESSAGES.commune };
    if ('code' in resolution) communeCode = resolution.code;
    else {
      errors[CONTRIBUTION_FIELDS.commune] = resolution.error;
      choices = resolution.choices;
    }
  }
  const optional = (name: string): string | undefined => text(fields, name);
  // A protected place keeps its hidden address: the form never shows it, and never removes it.
  const confidential = existing?.confidential === true;
  const location: Location = {
    ...(existing ?? {}),
    communeCode,
    ...(confidential ? {} : { address: optional(CONTRIBUTION_FIELDS.address), postalCode: optional(CONTRIBUTION_FIELDS.postalCode) }),
    openingHours: optional(CONTRIBUTION_FIELDS.openingHours),
    openingHoursNote: optional(CONTRIBUTION_FIELDS.openingHoursNote),
  };
  // A place moved to another commune loses the point of the old one.
  if (existing && existing.communeCode !== communeCode) {
    delete location.latitude;
    delete location.longitude;
  }
  return { location: dropUndefined(location), ...(choices ? { choices } : {}) };
}

const dropUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

function serviceInputFrom(
  fields: FormFields,
  current: ServiceInput | undefined,
  location: Location,
  organisation: string | undefined,
  sources: ServiceInput['sources'],
  today: string,
): ServiceInput {
  const kinds = checkedOf<ServiceKind>(fields, CONTRIBUTION_FIELDS.kindsPrefix, SERVICE_KINDS, current?.kinds);
  const access = checkedOf<AccessMode>(fields, CONTRIBUTION_FIELDS.accessPrefix, ACCESS_MODES, current?.access);
  const feeKind = FEE_KINDS.find((k): k is FeeKind => k === fields[CONTRIBUTION_FIELDS.feesKind]);
  const feeDetails = text(fields, CONTRIBUTION_FIELDS.feesDetails);
  const contact = dropUndefined({
    phone: text(fields, CONTRIBUTION_FIELDS.phone),
    website: text(fields, CONTRIBUTION_FIELDS.website),
    email: text(fields, CONTRIBUTION_FIELDS.email),
  });
  const base: ServiceInput = current ? { ...current } : ({ status: 'actif' } as ServiceInput);
  const next: ServiceInput = dropUndefined({
    ...base,
    name: text(fields, CONTRIBUTION_FIELDS.name) ?? '',
    kinds,
    organisation: organisation ?? base.organisation,
    summary: text(fields, CONTRIBUTION_FIELDS.summary) ?? '',
    access: access.length ? access : undefined,
    fees: feeKind ? dropUndefined({ kind: feeKind, details: feeDetails }) : undefined,
    contact: Object.keys(contact).length ? contact : undefined,
    locations: [location, ...(current?.locations.slice(1) ?? [])],
    sources,
    lastChecked: today,
  });
  return next;
}

/** The form prefilled from an entry as written, for a correction: the fields a person can know. */
export function formValuesOfService(entry: ServiceInput, organisations: ContributionContext['organisations']): FormFields {
  const place = entry.locations[0];
  const values: Record<string, string | undefined> = {
    [CONTRIBUTION_FIELDS.name]: entry.name,
    [CONTRIBUTION_FIELDS.summary]: entry.summary,
    [CONTRIBUTION_FIELDS.commune]: place ? getCommune(place.communeCode)?.name : undefined,
    [CONTRIBUTION_FIELDS.communeCode]: place?.communeCode,
    [CONTRIBUTION_FIELDS.address]: place?.confidential ? undefined : place?.address,
    [CONTRIBUTION_FIELDS.postalCode]: place?.confidential ? undefined : place?.postalCode,
    [CONTRIBUTION_FIELDS.openingHours]: place?.openingHours,
    [CONTRIBUTION_FIELDS.openingHoursNote]: place?.openingHoursNote,
    [CONTRIBUTION_FIELDS.phone]: entry.contact?.phone,
    [CONTRIBUTION_FIELDS.email]: entry.contact?.email,
    [CONTRIBUTION_FIELDS.website]: entry.contact?.website,
    [CONTRIBUTION_FIELDS.feesKind]: entry.fees?.kind,
    [CONTRIBUTION_FIELDS.feesDetails]: entry.fees?.details,
    [CONTRIBUTION_FIELDS.manager]: organisations.find((o) => o.id === entry.organisation)?.name ?? entry.organisation,
  };
  for (const kind of entry.kinds) values[`${CONTRIBUTION_FIELDS.kindsPrefix}${kind}`] = 'on';
  for (const mode of entry.access ?? []) values[`${CONTRIBUTION_FIELDS.accessPrefix}${mode}`] = 'on';
  return Object.fromEntries(Object.entries(values).filter((pair): pair is [string, string] => pair[1] !== undefined));
}
