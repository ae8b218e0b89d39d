export { validatePool, parsePool, PoolError, type PoolResult } from './validate';
export {
  migrate,
  MigrationError,
  POOL_FORMAT_VERSION,
  POOL_MIGRATIONS,
  type Migration,
} from './migrate';
export {
  validateJson,
  formatPath,
  type JsonSchema,
  type SchemaError,
} from '../schema/validateJson';
export { default as poolSchema } from './pool.schema.json' with { type: 'json' };
