/**
 * Bundles the map harness (map-harness.tsx) with esbuild as the site bundles the island: ES modules,
 * Leaflet in its own chunk, Leaflet's stylesheet emitted as a file whose URL the engine loads (what
 * Vite does for `?url` imports). Used by the map benchmark and the embedding test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** `import href from 'x.css?url'`: the file is emitted beside the bundle and its URL exported. */
const assetUrlImports: Plugin = {
  name: 'asset-url-imports',
  setup(builder) {
    builder.onResolve({ filter: /\?url$/ }, async (args) => {
      const resolved = await builder.resolve(args.path.replace(/\?url$/, ''), { kind: args.kind, resolveDir: args.resolveDir });
      return { path: resolved.path, namespace: 'asset-url' };
    });
    builder.onLoad({ filter: /.*/, namespace: 'asset-url' }, (args) => ({ contents: readFileSync(args.path), loader: 'file' }));
  },
};

export async function buildMapHarness(outdir: string, { minify = false }: { minify?: boolean } = {}): Promise<void> {
  await build({
    entryPoints: [join(import.meta.dirname, 'map-harness.tsx')],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify,
    outdir,
    publicPath: '/',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.png': 'dataurl', '.svg': 'dataurl' },
    plugins: [assetUrlImports],
    logLevel: 'error',
  });
}
