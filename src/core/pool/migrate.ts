/**
 * Pool format versions. A migration upgrades a document from version v to v + 1; `migrate` applies
 * them in order so every older file opens in the current engine. Add one here whenever
 * `pool.schema.json` changes shape, and bump `POOL_FORMAT_VERSION`.
 */
export const POOL_FORMAT_VERSION = 3;

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Keyed by the version a migration upgrades from.
 * - 1 → 2: version 2 lets a sample's step verdicts, token count, log-probs, temperature and seed be
 *   null (unknown); every version-1 sample knows them all, so it is already a version-2 sample.
 * - 2 → 3: version 3 lets a model say it ran on a remote server (`models[].remote`); no version-2
 *   model did, so a version-2 file is already a version-3 file.
 */
export const POOL_MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: (doc) => doc,
  2: (doc) => doc,
};

export function migrate(
  doc: Record<string, unknown>,
  current = POOL_FORMAT_VERSION,
  migrations: Readonly<Record<number, Migration>> = POOL_MIGRATIONS,
): Record<string, unknown> {
  let version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MigrationError(
      `$.version must be a positive integer, got ${JSON.stringify(version)}`,
    );
  }
  if (version > current) {
    throw new MigrationError(
      `$.version is ${version}, newer than this engine reads (${current}): update TTC Playground to open it`,
    );
  }
  let out = doc;
  while (version < current) {
    const step = migrations[version];
    if (!step) throw new MigrationError(`no migration from pool version ${version}`);
    out = step(out);
    version++;
    out = { ...out, version };
  }
  return out;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}
