/**
 * Quick exit behaviour, kept free of page globals so it can be unit-tested: the link replaces the
 * current history entry, and three presses of Shift within a second do the same.
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
}
