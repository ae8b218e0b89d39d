/**
 * The origins this build's CSP lets the page and its workers fetch from beyond its own
 * (`connect-src`, scripts/csp.ts), defined by Vite at build time; outside a build (unit tests, CLI),
 * loopback only.
 */
declare const __TTC_CONNECT_ORIGINS__: string[] | undefined;

export const CONNECT_ORIGINS: readonly string[] =
  typeof __TTC_CONNECT_ORIGINS__ !== 'undefined'
    ? __TTC_CONNECT_ORIGINS__
    : ['http://127.0.0.1:*', 'http://localhost:*'];

/** Whether `origin` (scheme://host[:port]) matches a CSP source expression like `https://*.x.co` or `http://h:*`. */
export function sourceMatches(source: string, origin: string): boolean {
  const m = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\d+|\*))?$/.exec(source);
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (!m) return false;
  const [, scheme, wild, host, port] = m;
  if (u.protocol !== `${scheme}:`) return false;
  const hostOk = wild ? u.hostname.endsWith(`.${host}`) : u.hostname === host;
  const defaultPort = scheme === 'https' ? '443' : '80';
  const portOk = port === '*' || (port ?? defaultPort) === (u.port || defaultPort);
  return hostOk && portOk;
}

export const connectAllowed = (origin: string, pageOrigin: string): boolean =>
  origin === pageOrigin || CONNECT_ORIGINS.some((s) => sourceMatches(s, origin));
