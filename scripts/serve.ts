/**
 * npm run serve: serves the built site (static pages and on-demand routes) on http://localhost:4321,
 * through the Node adapter's handler.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const outDir = resolve(process.env.PASSERELLE_OUT_DIR ?? 'dist');
const { handler } = (await import(pathToFileURL(resolve(outDir, 'server/entry.mjs')).href)) as {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
createServer((req, res) => handler(req, res)).listen(port, host, () => {
  console.log(`Passerelle est servi sur http://${host}:${port}/`);
});
