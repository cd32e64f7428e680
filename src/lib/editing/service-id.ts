/**
 * The id of a new service, shared by the spreadsheet import, the hub import and the contribution form
 * (which the browser loads too: this module stays free of the spreadsheet code).
 */
import { getCommune } from '../territories/territory-data.ts';
import { slugify } from '../territories/text-normalize.ts';

/** An id for a new service: its name, then its commune when the name does not say it; unique. */
export function newServiceId(name: string, communeCode: string, taken: ReadonlySet<string>): string {
  const commune = getCommune(communeCode);
  let base = slugify(name).slice(0, 70).replace(/-+$/, '');
  const communeSlug = commune ? slugify(commune.name) : '';
  if (communeSlug && !base.includes(communeSlug)) base = `${base}-${communeSlug}`;
  if (!base) base = 'service';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
