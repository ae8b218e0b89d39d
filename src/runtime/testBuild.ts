/**
 * Whether this is the e2e suite's test build (`vite build --mode e2e`). Test hooks — crashes, fault
 * injection, probes — sit behind `if (TEST_BUILD)`: Vite defines the flag as a constant, so in the
 * production build (`npm run build`) every hook is dead code and the minifier drops it, which
 * `scripts/check-build.mjs` verifies. Code run outside Vite (the CLI, unit tests) has no hooks.
 */
declare const __TTC_TEST_BUILD__: boolean | undefined;

export const TEST_BUILD: boolean =
  typeof __TTC_TEST_BUILD__ !== 'undefined' && __TTC_TEST_BUILD__ === true;
