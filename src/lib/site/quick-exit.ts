/**
 * Quick exit behaviour, kept free of page globals so it can be unit-tested: the link replaces the
 * current history entry (Back then skips the page left), and Escape, or three presses of Shift
 * within a second, do the same.
 */

const SHIFT_PRESSES = 3;
const WINDOW_MS = 1000;

export interface ExitTarget {
  location: { replace(url: string): void };
}

/** Counts Shift presses; returns true when the third falls within the time window. */
export function createShiftCounter(now: () => number = Date.now): (key: string) => boolean {
  let presses: number[] = [];
  return (key) => {
    if (key !== 'Shift') {
      presses = [];
      return false;
    }
    const time = now();
    presses = [...presses.filter((t) => time - t < WINDOW_MS), time];
    if (presses.length >= SHIFT_PRESSES) {
      presses = [];
      return true;
    }
    return false;
  };
}

/**
 * Whether Escape belongs to something open rather than to the exit: a suggestion list or a dialog
 * closes first (the control handled the key, or a dialog or an expanded list is showing).
 */
export function escapeClosesSomething(doc: Pick<Document, 'querySelector'>, event: Pick<KeyboardEvent, 'defaultPrevented'>): boolean {
  return event.defaultPrevented || doc.querySelector('dialog[open], [aria-modal="true"], [aria-expanded="true"][role="combobox"]') !== null;
}

export function installQuickExit(doc: Document, target: ExitTarget): void {
  const link = doc.querySelector<HTMLAnchorElement>('[data-quick-exit]');
  if (!link) return;
  const leave = (): void => {
    // Blank the page first, so nothing stays on screen while the next site loads.
    doc.body.style.visibility = 'hidden';
    doc.title = '';
    target.location.replace(link.href);
  };
  link.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  const isTriplePress = createShiftCounter();
  doc.addEventListener('keyup', (event) => {
    if (isTriplePress(event.key)) leave();
  });
  // Bubbling phase: a list that closes on Escape has handled (and prevented) the key by then.
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !escapeClosesSomething(doc, event)) leave();
  });
}
