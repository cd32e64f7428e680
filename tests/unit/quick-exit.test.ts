import { describe, expect, it } from 'vitest';
import { createShiftCounter, installQuickExit } from '../../src/lib/site/quick-exit.ts';

describe('createShiftCounter', () => {
  it('fires on the third Shift within a second, and starts again after', () => {
    let time = 0;
    const press = createShiftCounter(() => time);
    expect([press('Shift'), press('Shift')]).toEqual([false, false]);
    time = 900;
    expect(press('Shift')).toBe(true);
    expect(press('Shift')).toBe(false);
  });

  it('does not fire when presses are slow or another key comes between', () => {
    let time = 0;
    const press = createShiftCounter(() => time);
    press('Shift');
    press('Shift');
    time = 1_500;
    expect(press('Shift')).toBe(false);
    press('Shift');
    press('a');
    expect(press('Shift')).toBe(false);
  });
});

/** A minimal document: one link, listeners kept so the test can fire them. */
function fakeDocument() {
  const listeners = new Map<string, (event: { key?: string; preventDefault: () => void; defaultPrevented?: boolean }) => void>();
  let open: unknown = null;
  const link = { href: 'https://meteofrance.com/', addEventListener: (type: string, fn: never) => listeners.set(`link:${type}`, fn) };
  const doc = {
    title: 'Fiche du service',
    body: { style: { visibility: '' } },
    querySelector: (selector: string) => (selector === '[data-quick-exit]' ? link : open),
    addEventListener: (type: string, fn: never) => listeners.set(`doc:${type}`, fn),
  };
  return { doc, listeners, setOpen: (element: unknown) => (open = element) };
}

describe('installQuickExit', () => {
  it('blanks the page and replaces the history entry on click', () => {
    const { doc, listeners } = fakeDocument();
    const replaced: string[] = [];
    let prevented = false;
    installQuickExit(doc as unknown as Document, { location: { replace: (url) => replaced.push(url) } });
    listeners.get('link:click')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(replaced).toEqual(['https://meteofrance.com/']);
    expect(doc.title).toBe('');
    expect(doc.body.style.visibility).toBe('hidden');
  });

  it('leaves on Shift pressed three times', () => {
    const { doc, listeners } = fakeDocument();
    const replaced: string[] = [];
    installQuickExit(doc as unknown as Document, { location: { replace: (url) => replaced.push(url) } });
    for (let i = 0; i < 3; i++) listeners.get('doc:keyup')?.({ key: 'Shift', preventDefault: () => undefined });
    expect(replaced).toEqual(['https://meteofrance.com/']);
  });
});

describe('Escape', () => {
  it('leaves at once', () => {
    const { doc, listeners } = fakeDocument();
    const replaced: string[] = [];
    installQuickExit(doc as unknown as Document, { location: { replace: (url) => replaced.push(url) } });
    listeners.get('doc:keydown')?.({ key: 'Escape', preventDefault: () => undefined });
    expect(replaced).toEqual(['https://meteofrance.com/']);
  });

  it('closes a suggestion list or a dialog instead of leaving', () => {
    const { doc, listeners, setOpen } = fakeDocument();
    const replaced: string[] = [];
    installQuickExit(doc as unknown as Document, { location: { replace: (url) => replaced.push(url) } });
    listeners.get('doc:keydown')?.({ key: 'Escape', defaultPrevented: true, preventDefault: () => undefined });
    setOpen({ tagName: 'DIALOG' });
    listeners.get('doc:keydown')?.({ key: 'Escape', preventDefault: () => undefined });
    listeners.get('doc:keydown')?.({ key: 'Enter', preventDefault: () => undefined });
    expect(replaced).toEqual([]);
  });
});
