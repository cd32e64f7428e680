/**
 * The commune of a referral typed as text (no JavaScript, or another client): a name or a postal
 * code, resolved with the territory lookups; homonyms and shared postal codes ask the person to choose.
 * A commune chosen earlier (a suggestion, or one of those choices) holds while it fits the text.
 */
import { communesByPostalCode, findCommunes } from '../territories/commune-lookup.ts';
import { foldedCommuneName, getCommune, getDepartement, type Commune } from '../territories/territory-data.ts';
import { foldText } from '../territories/text-normalize.ts';
import type { CommuneChoice, CommuneResolution, CommuneResolver } from './referral-form.ts';

const MAX_CHOICES = 8;

/** "Arras (62 – Pas-de-Calais)": enough to tell homonyms apart. */
export function communeChoiceLabel(commune: Commune): string {
  const departement = getDepartement(commune.departementCode);
  return `${commune.name} (${commune.departementCode}${departement ? ` – ${departement.name}` : ''})`;
}

const choicesOf = (communes: Commune[]): CommuneChoice[] =>
  communes.slice(0, MAX_CHOICES).map((commune) => ({ code: commune.code, label: communeChoiceLabel(commune) }));

const CODE_PATTERN = /^\d[\dAB]\d{3}$/i;

/** Whether a text names this commune: its name (a suggestion's « Lens (62300) » too), one of its postal codes, or its INSEE code. */
function textNamesCommune(text: string, commune: Commune): boolean {
  const query = text.trim().replace(/\s*\([^()]*\)$/, '');
  if (CODE_PATTERN.test(query)) return commune.postalCodes.includes(query) || commune.code === query.toUpperCase();
  return foldText(query) === foldedCommuneName(commune);
}

/**
 * The commune of a referral: the one chosen (`chosenCode`) when the text is empty, names it, or
 * offers it among its choices; otherwise the text alone decides (see resolveTypedCommune).
 */
export const resolveCommuneText: CommuneResolver = (text, chosenCode) => {
  if (chosenCode && !text.trim()) return { code: chosenCode };
  const chosen = chosenCode ? getCommune(chosenCode) : undefined;
  if (chosen && textNamesCommune(text, chosen)) return { code: chosen.code };
  const resolution = resolveTypedCommune(text);
  if (chosen && 'choices' in resolution && resolution.choices?.some((choice) => choice.code === chosen.code)) return { code: chosen.code };
  return resolution;
};

/** A commune from a name, a postal code or an INSEE code, or a French message (with choices when several match). */
export function resolveTypedCommune(text: string): CommuneResolution {
  const query = text.trim();
  if (!query) return { error: 'Indiquez la commune où vivent les enfants (nom ou code postal).' };
  if (query.length > 80) return { error: 'Le nom de la commune est trop long.' };
  if (/^\d{5}$/.test(query)) {
    const byPostal = communesByPostalCode(query);
    if (byPostal.length === 1) return { code: (byPostal[0] as Commune).code };
    if (byPostal.length > 1) {
      const sorted = [...byPostal].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      return { error: `Plusieurs communes ont le code postal ${query} : choisissez la vôtre.`, choices: choicesOf(sorted) };
    }
    const byInsee = getCommune(query);
    if (byInsee) return { code: byInsee.code };
    return { error: `Aucune commune n’a le code postal ${query} : vérifiez-le, ou écrivez le nom de la commune.` };
  }
  const candidates = findCommunes(query, 50);
  const folded = foldText(query);
  const exact = candidates.filter((commune) => foldedCommuneName(commune) === folded);
  if (exact.length === 1) return { code: (exact[0] as Commune).code };
  if (exact.length > 1) {
    return {
      error: `Plusieurs communes s’appellent ${(exact[0] as Commune).name} : choisissez la vôtre, ou écrivez le code postal.`,
      choices: choicesOf(exact),
    };
  }
  if (candidates.length === 1) return { code: (candidates[0] as Commune).code };
  if (candidates.length) {
    return {
      error: `Aucune commune ne s’appelle exactement « ${query} » : choisissez dans la liste, ou écrivez le code postal.`,
      choices: choicesOf(candidates),
    };
  }
  return { error: `Commune introuvable : « ${query} ». Vérifiez l’orthographe, ou écrivez le code postal.` };
}
