/**
 * The schema of content/ou-demander.yaml: where a family can ask when Passerelle knows no service
 * near them (the Caf, the point-justice number, the federations). Every number and web address
 * cites the public page that gives it, with the words of that page, so that an editor can check it.
 */
import { z } from 'astro/zod';
import { SERVICE_KINDS } from '../services/service-vocabulary.ts';
import { isoDateField, phoneField, unlessAbsent, urlField } from './content-fields.ts';

/** The public page a number or an address comes from, with the words it says. */
export const citedSourceSchema = z
  .strictObject({
    url: urlField.describe('Adresse de la page publique qui donne le numéro ou le site.'),
    title: z.string().optional().describe('Titre de la page.'),
    excerpt: z
      .string({ error: unlessAbsent('Recopiez dans excerpt la phrase de la page qui donne le numéro ou le site.') })
      .min(10)
      .describe('La phrase de la page qui donne le numéro ou le site, recopiée telle quelle.'),
    date: isoDateField.optional().describe('Date de la page (publication ou « vérifié le »), si elle en porte une (AAAA-MM-JJ).'),
  })
  .describe('La page publique qui donne l’information.');

/** A national short number (3039, 3230) or a French phone number. */
const numberField = z.union([z.string().regex(/^\d{3,4}$/), phoneField], {
  error: unlessAbsent((issue) => `Le numéro "${String(issue.input)}" n’est ni un numéro court (3 ou 4 chiffres, entre guillemets) ni un numéro de téléphone français.`),
});

export const whereToAskSchema = z
  .strictObject({
    name: z.string().min(2).describe('À qui s’adresser, comme les familles le disent (« Votre Caf »).'),
    summary: z.string().min(20).max(300).describe('Ce que cet interlocuteur peut faire pour la famille, en une ou deux phrases simples.'),
    kinds: z
      .array(
        z.enum(SERVICE_KINDS, {
          error: unlessAbsent((issue) => `« ${String(issue.input)} » n’est pas un type de service connu. Valeurs possibles : ${SERVICE_KINDS.join(', ')}.`),
        }),
      )
      .min(1)
      .describe('Les types de service pour lesquels il faut proposer cet interlocuteur.'),
    order: z.number().int().describe('Rang d’affichage (le plus petit d’abord).'),
    phone: z
      .strictObject({
        number: numberField.describe('Le numéro, entre guillemets, tel que la source le donne.'),
        note: z.string().optional().describe('Précision donnée par la même source (gratuité, accessibilité).'),
        outreMer: numberField.optional().describe('Numéro à composer depuis l’outre-mer ou l’étranger, si la source le donne.'),
        source: citedSourceSchema,
      })
      .optional()
      .describe('Le téléphone, seulement si une page publique le donne.'),
    website: z
      .strictObject({
        url: urlField.describe('Adresse du site ou de la page à ouvrir.'),
        label: z.string().optional().describe('Texte du lien, si l’adresse seule ne suffit pas.'),
        source: citedSourceSchema,
      })
      .optional()
      .describe('Le site, seulement si une page publique en montre l’adresse.'),
    lastChecked: isoDateField.describe('Date de votre dernière vérification (AAAA-MM-JJ).'),
  })
  .describe('Un interlocuteur à qui demander quand aucun service proche n’est connu.');

export type WhereToAskData = z.output<typeof whereToAskSchema>;
/** One where-to-ask contact; the id is its key in content/ou-demander.yaml. */
export type WhereToAskContact = WhereToAskData & { id: string };
