import { describe, expect, it } from 'vitest';
import { isValidOpeningHours } from '../../src/lib/content/content-fields.ts';
import { describeOpeningHours, formatDateFr, formatPhone, languageName, phoneHref } from '../../src/lib/services/service-format.ts';

describe('formatPhone and phoneHref', () => {
  it('writes French numbers in pairs, whatever the separators', () => {
    expect(formatPhone('0321000000')).toBe('03 21 00 00 00');
    expect(formatPhone('03.21.00.00.00')).toBe('03 21 00 00 00');
    expect(formatPhone('03-21-00-00-00')).toBe('03 21 00 00 00');
    expect(formatPhone('+33321000000')).toBe('+33 3 21 00 00 00');
  });

  it('leaves a number it does not recognise as written', () => {
    expect(formatPhone(' +262 262 00 00 00 ')).toBe('+262 262 00 00 00');
  });

  it('links in international form', () => {
    expect(phoneHref('03 21 00 00 00')).toBe('tel:+33321000000');
    expect(phoneHref('+33 3 21 00 00 00')).toBe('tel:+33321000000');
    expect(phoneHref('119')).toBe('tel:119');
  });
});

describe('languageName', () => {
  it('names languages in French, sign language included, and leaves an unknown code as written', () => {
    expect(['fr', 'en', 'ar', 'fsl'].map(languageName)).toEqual(['français', 'anglais', 'arabe', 'langue des signes française']);
    expect(languageName('zzz')).toBe('zzz');
  });
});

describe('formatDateFr', () => {
  it('writes the day, the month in words and the year', () => {
    expect(formatDateFr('2026-11-23')).toBe('23 novembre 2026');
    expect(formatDateFr('2025-08-05')).toBe('5 août 2025');
  });

  it('says "1er" for the first of the month', () => {
    expect(formatDateFr('2026-02-01')).toBe('1er février 2026');
  });

  it('returns anything else unchanged', () => {
    expect(formatDateFr('novembre 2026')).toBe('novembre 2026');
    expect(formatDateFr('2026-13-01')).toBe('2026-13-01');
  });
});

describe('describeOpeningHours', () => {
  it('reads ranges of days with one or two time spans', () => {
    expect(describeOpeningHours('Tu-Sa 13:00-21:00')).toEqual(['Du mardi au samedi, de 13 h à 21 h']);
    expect(describeOpeningHours('Mo-Fr 09:00-12:00,14:00-17:30')).toEqual(['Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h 30']);
  });

  it('reads lists of days, several rules and public holidays', () => {
    expect(describeOpeningHours('Mo,Th 14:00-18:00; Sa 09:30-12:00; PH off')).toEqual([
      'Le lundi et le jeudi, de 14 h à 18 h',
      'Le samedi, de 9 h 30 à 12 h',
      'Fermé les jours fériés',
    ]);
  });

  it('reads the nth weekday of the month', () => {
    expect(describeOpeningHours('We[1,3] 09:00-12:00')).toEqual(['Les 1er et 3e mercredis du mois, de 9 h à 12 h']);
    expect(describeOpeningHours('Tu[2] 14:00-17:00')).toEqual(['Le 2e mardi du mois, de 14 h à 17 h']);
  });

  it('reads closed days and 24/7', () => {
    expect(describeOpeningHours('Mo-Sa 08:00-18:00; Su off')).toEqual(['Du lundi au samedi, de 8 h à 18 h', 'Le dimanche : fermé']);
    expect(describeOpeningHours('24/7')).toEqual(['Tous les jours, 24 h sur 24']);
  });

  it('gives up, rather than guess, on syntax it does not know', () => {
    for (const value of ['Mo-Fr 09:00-12:00 "sur rendez-vous"', 'Jan-Jun Mo 09:00-12:00', 'Mo-Fr sunrise-sunset', 'Mo 09:00+']) {
      expect(isValidOpeningHours(value), value).toBe(true);
      expect(describeOpeningHours(value), value).toBeUndefined();
    }
  });
});
