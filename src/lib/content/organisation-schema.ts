/** The schema of an organisation file (content/organisations/<id>.yaml): operators, federations, funders, institutions. */
import { z } from 'astro/zod';
import { ORGANISATION_KINDS } from '../services/service-vocabulary.ts';
import { emailField, enumField, isoDateField, sourceField, urlField, withValues } from './content-fields.ts';

export const organisationSchema = z
  .strictObject({
    name: z.string().min(2).describe('Nom complet.'),
    acronym: z.string().optional().describe('Sigle (FENAMEF, CNAF…).'),
    kinds: z.array(enumField(ORGANISATION_KINDS, 'un type d’organisation')).min(1).describe(withValues('Rôle de l’organisation.', ORGANISATION_KINDS)),
    website: urlField.optional().describe('Site web.'),
    email: emailField.optional().describe('Adresse e-mail publique.'),
    description: z.string().min(20).describe('Ce que fait l’organisation, en deux ou trois phrases.'),
    sources: z.array(sourceField).min(1, { error: 'Citez au moins une source (page web ou document).' }).describe('Sources des informations.'),
    lastChecked: isoDateField.describe('Date de la dernière vérification (AAAA-MM-JJ).'),
  })
  .describe('Une organisation : gestionnaire, fédération, financeur ou institution.');

export type OrganisationData = z.output<typeof organisationSchema>;
export type Organisation = OrganisationData & { id: string };
