/**
 * Adds a stylesheet when a lazily loaded part of an island first needs it, instead of with the page:
 * a page whose map is never reached does not download the map's styles. Resolves once it is applied,
 * or failed: a missing stylesheet never blocks what it styles.
 */
export function loadStylesheet(href: string, { first = false }: { first?: boolean } = {}): Promise<void> {
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = link.onerror = () => resolve();
    // `first`: before the page's own styles, which then keep precedence over it.
    if (first) document.head.prepend(link);
    else document.head.append(link);
  });
}
