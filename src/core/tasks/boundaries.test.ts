import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A task's internals stay in its folder: everything outside `src/core/tasks/<task>/` reaches a task
 * through the registry (`src/core/tasks/index.ts`: `getTask`, `TASKS`). Tests of a task's own
 * behaviour may import it, and so may the script that writes the Python training mirror's golden
 * fixtures (training aside). ESLint's `no-restricted-imports` says the same while editing.
 */
const ROOTS = ['src', 'workers', 'cli', 'scripts'];
const ALLOWED = new Set(['scripts/emit-golden.ts']);
/** The registry is the door: it alone imports each task's folder (and what grading registers). */
const REGISTRY = new Set(['src/core/tasks/index.ts', 'src/core/tasks/grading.ts']);
const TASKS = readdirSync('src/core/tasks').filter((d) =>
  statSync(join('src/core/tasks', d)).isDirectory(),
);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('task boundaries', () => {
  it('no module outside a task folder imports its internals', () => {
    expect(TASKS).toContain('arith');
    const leaks: string[] = [];
    for (const file of ROOTS.flatMap(sources)) {
      const rel = relative('.', file).split(sep).join('/');
      if (ALLOWED.has(rel)) continue;
      const own = /^src\/core\/tasks\/([^/]+)\//.exec(rel)?.[1];
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) continue;
        const target = normalize(join(dirname(rel), spec))
          .split(sep)
          .join('/');
        const task = /^src\/core\/tasks\/([^/.]+)(\/|$)/.exec(target)?.[1];
        if (task && TASKS.includes(task) && task !== own && !REGISTRY.has(rel))
          leaks.push(`${rel} imports ${spec}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
