/**
 * The commune of a spreadsheet row, from what federations write: a postal code and a commune name,
 * sometimes the INSEE code. Every failure says, in French, what to add to the row. A commune named
 * without ambiguity needs no postal code (the place then has none, as when no source gives it).
 */
import { communesByPostalCode, findCommunes } from '../territories/commune-lookup.ts';
import { foldedCommuneName, getCommune, type Commune } from '../territories/territory-data.ts';
import { foldText } from '../territories/text-normalize.ts';

/** `postalCode` is '' when the row gives none and the commune has several. */
export type CommuneResolution = { ok: true; communeCode: string; postalCode: string } | { ok: false; message: string };

/** Whether a typed name designates this commune (or, for an arrondissement, its city). */
function nameMatches(commune: Commune, name: string): boolean {
  const folded = foldText(name);
  if (!folded) return true;
  if (foldedCommuneName(commune) === folded) return true;
  const parent = commune.parentCode ? getCommune(commune.parentCode) : undefined;
  if (parent && foldedCommuneName(parent) === folded) return true;
  return findCommunes(name, 5).some((c) => c.code === commune.code && foldedCommuneName(c).startsWith(folded));
}

const describe = (communes: readonly Commune[]) =>
  communes
    .slice(0, 6)
    .map((c) => `${c.name} (${c.code})`)
    .join(', ') + (communes.length > 6 ? '…' : '');

/** Resolves a row's place to an INSEE code and a postal code. */
export function resolveCommune(input: { postalCode: string; communeName: string; communeCode: string }): CommuneResolution {
  const postalCode = input.postalCode.trim();
  const name = input.communeName.trim();
  const code = input.communeCode.trim().toUpperCase();

  if (code) {
    const commune = getCommune(code);
    // An unknown code is left to the schema, whose message says how to find the right one.
    if (!commune) return { ok: true, communeCode: code, postalCode };
    if (name && !nameMatches(commune, name)) {
      return {
        ok: false,
        message: `La commune « ${name} » ne correspond pas au code INSEE "${code}" (${commune.name}) : corrigez l’un ou l’autre.`,
      };
    }
    if (!postalCode && commune.postalCodes.length === 1)
      return { ok: true, communeCode: code, postalCode: commune.postalCodes[0] as string };
    return { ok: true, communeCode: code, postalCode };
  }

  if (postalCode) {
    const candidates = communesByPostalCode(postalCode);
    if (candidates.length === 0) {
      return {
        ok: false,
        message: `Le code postal "${postalCode}" ne correspond à aucune commune : vérifiez-le (5 chiffres, par exemple "62000").`,
      };
    }
    const matching = candidates.filter((c) => nameMatches(c, name));
    if (matching.length === 1) return { ok: true, communeCode: (matching[0] as Commune).code, postalCode };
    if (matching.length === 0) {
      return {
        ok: false,
        message: `La commune « ${name} » n’a pas le code postal "${postalCode}", qui est celui de : ${describe(candidates)}. Corrigez la commune ou le code postal.`,
      };
    }
    return {
      ok: false,
      message: `Le code postal "${postalCode}" correspond à plusieurs communes (${describe(matching)}) : indiquez la commune ou son code INSEE.`,
    };
  }

  if (name) {
    const folded = foldText(name);
    const exact = findCommunes(name, 50).filter((c) => foldedCommuneName(c) === folded);
    if (exact.length === 1) {
      const commune = exact[0] as Commune;
      return {
        ok: true,
        communeCode: commune.code,
        postalCode: commune.postalCodes.length === 1 ? (commune.postalCodes[0] as string) : '',
      };
    }
    if (exact.length > 1)
      return { ok: false, message: `Plusieurs communes s’appellent « ${name} » (${describe(exact)}) : indiquez le code postal.` };
    return { ok: false, message: `Aucune commune ne s’appelle « ${name} » : vérifiez l’orthographe ou indiquez le code postal.` };
  }

  return { ok: false, message: 'Le lieu manque : indiquez au moins le code postal et la commune (ou le code INSEE).' };
}
