export { validatePool, parsePool, PoolError, type PoolResult } from './validate';
export {
  migrate,
  MigrationError,
  POOL_FORMAT_VERSION,
  POOL_MIGRATIONS,
  type Migration,
} from './migrate';
export { validateSchema, formatPath, type JsonSchema, type SchemaError } from './jsonSchema';
export { default as poolSchema } from './pool.schema.json';
