/**
 * How service facts read in French: phone numbers, dates and OpenStreetMap opening hours.
 * Anything these functions cannot read is left for the page to show as written, never guessed.
 */

const digitsOf = (phone: string): string => phone.replace(/[\s.\-()]/g, '');

/** "0321000000" or "03.21.00.00.00" → "03 21 00 00 00"; "+33321000000" → "+33 3 21 00 00 00". */
export function formatPhone(phone: string): string {
  const digits = digitsOf(phone);
  if (/^0\d{9}$/.test(digits)) return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
  const international = /^\+33(\d)(\d{8})$/.exec(digits);
  if (international) return `+33 ${international[1]} ${(international[2] as string).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
  return phone.trim();
}

const languageNames = new Intl.DisplayNames(['fr'], { type: 'language' });
/** Languages the browsers' data does not name in French (ISO 639-3 codes). */
const LANGUAGE_NAMES_MISSING: Record<string, string> = { fsl: 'langue des signes française' };

/** "en" → "anglais", "fsl" → "langue des signes française"; an unknown code is shown as written. */
export function languageName(code: string): string {
  const name = languageNames.of(code);
  return LANGUAGE_NAMES_MISSING[code] ?? (name && name !== code ? name : code);
}

/** "62000 Arras", or just "Paris" when no source gives the postal code. */
export function postalLocality(postalCode: string | undefined, communeName: string): string {
  return postalCode ? `${postalCode} ${communeName}` : communeName;
}

/** The tel: link of a French number, in international form so that it works from abroad too. */
export function phoneHref(phone: string): string {
  const digits = digitsOf(phone);
  if (/^0\d{9}$/.test(digits)) return `tel:+33${digits.slice(1)}`;
  return `tel:${digits}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2026-11-23" → "23 novembre 2026"; "2026-11-01" → "1er novembre 2026". */
export function formatDateFr(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const day = Number(match[3]);
  const month = MONTHS[Number(match[2]) - 1];
  if (!month || day < 1 || day > 31) return isoDate;
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

const DAYS: Record<string, { name: string; plural: string }> = {
  Mo: { name: 'lundi', plural: 'lundis' },
  Tu: { name: 'mardi', plural: 'mardis' },
  We: { name: 'mercredi', plural: 'mercredis' },
  Th: { name: 'jeudi', plural: 'jeudis' },
  Fr: { name: 'vendredi', plural: 'vendredis' },
  Sa: { name: 'samedi', plural: 'samedis' },
  Su: { name: 'dimanche', plural: 'dimanches' },
};

/** "1 et 3" → "1er et 3e". */
function ordinals(numbers: string[]): string {
  const words = numbers.map((n) => (n === '1' ? '1er' : n === '-1' ? 'dernier' : `${n}e`));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} et ${words.at(-1)}` : (words[0] as string);
}

function joinFrench(parts: string[]): string {
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}` : (parts[0] ?? '');
}

/** "Mo-Fr", "Mo,Th", "We[1,3]" → "du lundi au vendredi", "le lundi et le jeudi", "les 1er et 3e mercredis du mois". */
function describeDays(selector: string): string | undefined {
  const parts: string[] = [];
  // Split on commas outside brackets: "We[1,3],Sa" has two parts.
  for (const token of selector.match(/[A-Z][a-z](?:-[A-Z][a-z])?(?:\[[-\d,]+\])?/g) ?? []) {
    const nth = /^([A-Z][a-z])\[([-\d,]+)\]$/.exec(token);
    if (nth) {
      const day = DAYS[nth[1] as string];
      const numbers = (nth[2] as string).split(',');
      if (!day || numbers.some((n) => !/^-?[1-5]$/.test(n))) return undefined;
      parts.push(`${numbers.length > 1 ? 'les' : 'le'} ${ordinals(numbers)} ${numbers.length > 1 ? day.plural : day.name} du mois`);
      continue;
    }
    const range = /^([A-Z][a-z])-([A-Z][a-z])$/.exec(token);
    if (range) {
      const from = DAYS[range[1] as string];
      const to = DAYS[range[2] as string];
      if (!from || !to) return undefined;
      parts.push(`du ${from.name} au ${to.name}`);
      continue;
    }
    const day = DAYS[token];
    if (!day) return undefined;
    parts.push(`le ${day.name}`);
  }
  if (parts.join('').length === 0 || selector.replace(/[A-Z][a-z](?:-[A-Z][a-z])?(?:\[[-\d,]+\])?|,/g, '') !== '') return undefined;
  return joinFrench(parts);
}

/** "09:30" → "9 h 30", "14:00" → "14 h". */
function describeTime(time: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = match[2] as string;
  if (hours > 24 || Number(minutes) > 59) return undefined;
  return minutes === '00' ? `${hours} h` : `${hours} h ${minutes}`;
}

/** "09:00-12:00,14:00-17:00" → "de 9 h à 12 h et de 14 h à 17 h". */
function describeTimes(spans: string): string | undefined {
  const parts: string[] = [];
  for (const span of spans.split(',')) {
    const [from, to, ...rest] = span.trim().split('-');
    const start = from !== undefined ? describeTime(from) : undefined;
    const end = to !== undefined ? describeTime(to) : undefined;
    if (!start || !end || rest.length) return undefined;
    parts.push(`de ${start} à ${end}`);
  }
  return joinFrench(parts);
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The opening hours in French, one line per rule ("Du mardi au samedi, de 13 h à 21 h"), or undefined
 * when the value uses syntax this reader does not know (the page then shows it as written).
 */
export function describeOpeningHours(value: string): string[] | undefined {
  const lines: string[] = [];
  for (const rawRule of value.split(';')) {
    const rule = rawRule.trim();
    if (!rule) continue;
    if (rule === '24/7') {
      lines.push('Tous les jours, 24 h sur 24');
      continue;
    }
    if (/^PH (off|closed)$/.test(rule)) {
      lines.push('Fermé les jours fériés');
      continue;
    }
    const match = /^([A-Z][a-z][A-Za-z\-,[\]\d]*)\s+(.+)$/.exec(rule);
    if (!match) return undefined;
    const days = describeDays(match[1] as string);
    if (!days) return undefined;
    const rest = (match[2] as string).trim();
    if (/^(off|closed)$/.test(rest)) {
      lines.push(`${capitalise(days)} : fermé`);
      continue;
    }
    const times = describeTimes(rest);
    if (!times) return undefined;
    lines.push(`${capitalise(days)}, ${times}`);
  }
  return lines.length ? lines : undefined;
}
