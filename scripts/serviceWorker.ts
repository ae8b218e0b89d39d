/**
 * Writes dist/sw.js after the build: the template (scripts/sw-template.js) with the list of files to
 * cache for offline use (the app, ORT's runtime, the built-in models and decks; not source maps or
 * the benchmark page), a version named by their content, so each build replaces the last cache, and
 * the Content Security Policy it adds to every response (scripts/csp.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './csp.ts';

const SKIP = [/\.map$/, /^bench/, /^sw\.js$/, /^assets\/bench/];

function files(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, root);
    const rel = relative(root, path).split(sep).join('/');
    return SKIP.some((re) => re.test(rel)) ? [] : [rel];
  });
}

export function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'ttc:service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const list = files(outDir).sort();
      const hash = createHash('sha256');
      for (const f of list) hash.update(f).update(readFileSync(join(outDir, f)));
      const template = readFileSync(resolve('scripts/sw-template.js'), 'utf8');
      writeFileSync(
        join(outDir, 'sw.js'),
        template
          .replace('__VERSION__', hash.digest('hex').slice(0, 16))
          .replace("/* __CSP__ */ ''", JSON.stringify(contentSecurityPolicy()))
          .replace('/* __PRECACHE__ */ []', JSON.stringify(list.map((f) => `/${f}`))),
      );
    },
  };
}
