/** The front matter of an editorial page (content/pages/<slug>.md). */
import { z } from 'astro/zod';
import { isoDateField, sourceField } from './content-fields.ts';

export const pageSchema = z
  .strictObject({
    title: z.string().min(3).describe('Titre de la page (balise <h1> et titre de l’onglet).'),
    description: z.string().min(30).max(200).describe('Résumé pour les moteurs de recherche et le partage (30 à 200 caractères).'),
    order: z.number().int().default(100).describe('Ordre dans la liste des pages d’information.'),
    sources: z.array(sourceField).default([]).describe('Textes de référence cités.'),
    lastChecked: isoDateField.optional().describe('Date de la dernière relecture (AAAA-MM-JJ).'),
  })
  .describe('Une page d’information éditoriale.');

export type PageData = z.output<typeof pageSchema>;
