/**
 * Turns a failed parse into one French line per problem, naming the file and the field,
 * so that an editor who is not a developer knows what to fix.
 */
import type { z } from 'astro/zod';

export interface ContentProblem {
  /** Path of the file, relative to the project (content/services/arras.yaml). */
  file: string;
  /** Dotted field path (locations[0].communeCode), empty for the whole file. */
  field: string;
  message: string;
  severity: 'erreur' | 'avertissement';
}

/** "locations[0].communeCode" from ['locations', 0, 'communeCode']. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** One problem per zod issue, with the messages editors read. */
export function problemsFromZodError(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => {
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `Champ inconnu ${issue.keys.map((key) => `« ${key} »`).join(', ')} : vérifiez l’orthographe (voir content/README.md pour la liste des champs).`;
    } else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
      const key = issue.path.at(-1);
      message =
        typeof key === 'string'
          ? `Le champ « ${key} » est obligatoire et manque : ajoutez-le (voir content/README.md pour un exemple complet).`
          : 'Ce champ est obligatoire et manque.';
    }
    return { file, field: fieldPath(issue.path), message, severity: 'erreur' };
  });
}

/** "content/services/arras.yaml › locations[0].communeCode : message" */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.field ? `${problem.file} › ${problem.field}` : problem.file;
  const label = problem.severity === 'erreur' ? 'Erreur' : 'Avertissement';
  return `${label} : ${where} : ${problem.message}`;
}
