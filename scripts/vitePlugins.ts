/**
 * A missing file under /models/ must be a 404, not the SPA's index.html, which a model loader (and the
 * Cache API) would otherwise take for the file. Applies to the dev server and to `vite preview`.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { Connect, Plugin } from 'vite';

function missingModelFile(root: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const raw = (req.url ?? '').split('?')[0]!;
    if (!raw.startsWith('/models/')) return next();
    let rel = '';
    try {
      rel = normalize(decodeURIComponent(raw)).replace(/^[/\\]+/, '');
    } catch {
      // A malformed escape is a missing file.
    }
    const file = join(root, rel);
    // `normalize` has already resolved any `..`: what is left must still be inside models/.
    const inside =
      rel.startsWith(`models${sep}`) &&
      !rel.split(sep).includes('..') &&
      file.startsWith(root + sep);
    if (inside && existsSync(file) && statSync(file).isFile()) return next();
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`404: no such model file ${raw}`);
  };
}

export function modelFiles404(): Plugin {
  return {
    name: 'ttc:model-files-404',
    configureServer(server) {
      server.middlewares.use(missingModelFile(resolve(server.config.publicDir)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(
        missingModelFile(resolve(server.config.root, server.config.build.outDir)),
      );
    },
  };
}
