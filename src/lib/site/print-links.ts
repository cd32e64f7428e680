/**
 * Printed links: on paper, every internal link of a page's main content is followed by its full address
 * on the real site (`SITE_URL`), so that a lawyer or a family can type it back. The print rules live in
 * `src/styles/global.css`; they read the site's address from the custom property written here, served
 * as a small print-only stylesheet (`/adresse-du-site.css`), since the CSP refuses inline styles.
 */

/** The address of the print-only stylesheet that carries the site's address. */
export const PRINT_SITE_STYLESHEET_PATH = '/adresse-du-site.css';

/** The CSS custom property that global.css puts before an internal link's path when printing. */
export const PRINT_SITE_PROPERTY = '--site-url';

/** A CSS string literal: quotes, backslashes and line ends escaped. */
const cssString = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;

/** The stylesheet: the site's origin (no trailing slash: the links' paths start with one). */
export function printSiteStylesheet(site: URL | string): string {
  const origin = new URL(site).origin;
  return `/* Generated from SITE_URL: printed before each internal link's path (global.css, @media print). */\n:root {\n  ${PRINT_SITE_PROPERTY}: ${cssString(origin)};\n}\n`;
}
