/** The commune suggestion files of this build, computed once. */
import { buildCommuneFiles } from '../../lib/search/commune-autocomplete.ts';
import { communeIndex } from '../../lib/territories/territory-data.ts';

let built: ReturnType<typeof buildCommuneFiles> | undefined;

export function communeFiles(): ReturnType<typeof buildCommuneFiles> {
  built ??= buildCommuneFiles([...communeIndex().values()]);
  return built;
}
