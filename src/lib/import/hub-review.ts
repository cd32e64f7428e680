/**
 * The files an import from the field's directories proposes, as a person reviews them: each candidate
 * a service file exactly as an editor writes it, each proposed correction the whole existing file as
 * the record would change it, both with a comment at the top that says where the record comes from,
 * why each kind is proposed and what to do. The same text for the review folder (a-verifier/) and for
 * the moderation path (a pull request or the moderators' message); only the last lines, what to do
 * with the file, differ.
 */
import { formatChanges } from '../editing/service-changes.ts';
import { serviceYaml, updatedServiceYaml } from '../editing/service-yaml.ts';
import type { Candidate, Correction, HubOutcome } from './hub-import.ts';

/** Where the file goes: the review folder, or a proposal to the moderators (already at its place in content/services/). */
export type ReviewDestination = 'a-verifier' | 'moderation';

/** "# line" comments, one per line of text. */
const comment = (lines: readonly string[]) => lines.map((line) => `# ${line}`.trimEnd()).join('\n') + '\n';

const hubName = (outcome: HubOutcome) => (outcome.record.hub === 'data-inclusion' ? 'data·inclusion' : 'l’annuaire HSDS');

/** A candidate's file: provenance, kinds with their reasons, what was left out, then the service. */
export function candidateText(candidate: Candidate, importedOn: string, destination: ReviewDestination = 'a-verifier'): string {
  return (
    comment([
      `Candidat importé le ${importedOn} de ${candidate.input.sources[0]?.title ?? 'l’annuaire'}, mis à jour le ${candidate.record.updated}.`,
      'Types proposés :',
      ...candidate.kinds.map((k) => `- ${k.kind} (${k.reason})`),
      ...(candidate.notes.length ? ['Non repris :', ...candidate.notes.map((n) => `- ${n}`)] : []),
      ...(destination === 'a-verifier'
        ? [
            `À vérifier auprès du service, puis à déplacer dans content/services/${candidate.id}.yaml (les lignes « # » peuvent rester).`,
            'Rien n’est publié tant que le fichier reste ici.',
          ]
        : ['À vérifier auprès du service avant de publier (les lignes « # » peuvent rester).']),
    ]) + serviceYaml(candidate.input)
  );
}

/** A correction's file: the existing file (comments kept) with the record's changes, listed at the top. */
export function correctionText(
  correction: Correction,
  existingText: string,
  importedOn: string,
  destination: ReviewDestination = 'a-verifier',
): string {
  const changes = formatChanges(correction.changes).split(' ; ');
  return (
    comment([
      `Correction proposée le ${importedOn} pour content/services/${correction.service.id}.yaml (rapprochement : ${correction.match}),`,
      `d’après ${hubName(correction)} (${correction.record.source}), fiche mise à jour le ${correction.record.updated}.`,
      'Changements, champ par champ :',
      ...changes.map((c) => `- ${c}`),
      ...(correction.notes.length ? ['Remarques :', ...correction.notes.map((n) => `- ${n}`)] : []),
      destination === 'a-verifier'
        ? `Si les changements sont justes, remplacez content/services/${correction.service.id}.yaml par ce fichier ; sinon supprimez-le.`
        : 'Si les changements sont justes, publiez ce fichier (ces lignes « # » peuvent être retirées) ; sinon refusez la proposition.',
    ]) +
    updatedServiceYaml(
      existingText,
      correction.input,
      correction.changes.map((c) => c.field),
    )
  );
}

/** The proposals of an import, one correction per service: several records of one service give one, the last, which holds the changes of all. */
export function proposals(outcomes: readonly HubOutcome[]): (Candidate | Correction)[] {
  const lastCorrection = new Map(outcomes.flatMap((o) => (o.action === 'correction' ? [[o.service.id, o] as const] : [])));
  return outcomes.filter(
    (o): o is Candidate | Correction => o.action === 'candidat' || (o.action === 'correction' && lastCorrection.get(o.service.id) === o),
  );
}
