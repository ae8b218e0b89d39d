import { describe, expect, it } from 'vitest';
import { sourceMatches } from '../../runtime/connectOrigins';
import { parseExperiment, serializeExperiment } from '../experiment/urlCodec';
import { DEFAULT_EXPERIMENT } from '../experiment/table';
import { apiKeyFor, apiKeyVersion, searchKeys, setApiKey } from './apiKeys';
import { modelVerifier } from '../experiment/modelVerifier';
import { isServerUrl, serverRefusal } from './serverUrl';

const page = { origin: 'http://localhost:4173', protocol: 'http:' };

describe('remote servers in the experiment', () => {
  it('names a server by its base URL, never with a key, query or fragment', () => {
    expect(isServerUrl('http://127.0.0.1:8000/v1')).toBe(true);
    expect(isServerUrl('https://gpu.example.org/v1')).toBe(true);
    for (const bad of [
      'http://user:pw@127.0.0.1:8000/v1',
      'http://127.0.0.1:8000/v1?key=sk-1',
      'http://127.0.0.1:8000/v1#k',
      'ftp://127.0.0.1/v1',
      'javascript:alert(1)',
      '127.0.0.1:8000',
    ])
      expect(isServerUrl(bad), bad).toBe(false);
  });

  it('a link carries the server and the served name; a bad one is ignored with its reason', () => {
    const e = { ...DEFAULT_EXPERIMENT, remote: 'http://127.0.0.1:8000/v1', policy: 'qwen-math' };
    const q = serializeExperiment(e);
    expect(q).toContain('remote=http');
    expect(parseExperiment(q).experiment).toMatchObject({ remote: e.remote, policy: 'qwen-math' });
    // A served name is any name only on a server; in the page it must be built in or org/name.
    expect(parseExperiment('policy=qwen-math').messages[0]).toMatch(/built-in policy/);
    const bad = parseExperiment('remote=http://u:p@h/v1&policy=x');
    expect(bad.experiment.remote).toBeNull();
    expect(bad.messages[0]).toMatch(/Ignored remote=.*no key, query or fragment/);
  });

  it('refuses mixed content and servers outside the CSP, saying what to change', () => {
    expect(serverRefusal('http://127.0.0.1:8000/v1', page)).toBeNull();
    expect(
      serverRefusal('http://localhost:9000/v1', {
        origin: 'https://ttc.example',
        protocol: 'https:',
      }),
    ).toBeNull();
    expect(
      serverRefusal('http://gpu.lan:8000/v1', {
        origin: 'https://ttc.example',
        protocol: 'https:',
      }),
    ).toMatch(/mixed content/);
    expect(serverRefusal('https://gpu.example.org/v1', page)).toMatch(
      /TTC_CONNECT_SRC="https:\/\/gpu\.example\.org" npm run build/,
    );
    expect(sourceMatches('http://127.0.0.1:*', 'http://127.0.0.1:8000')).toBe(true);
    expect(sourceMatches('https://*.cdn.hf.co', 'https://us.cdn.hf.co')).toBe(true);
    expect(sourceMatches('https://*.cdn.hf.co', 'https://cdn.hf.co.evil.com')).toBe(false);
    expect(sourceMatches('https://h.org', 'https://h.org:8443')).toBe(false);
  });

  it('keeps keys by server origin, in memory, and hands a search only the ones it needs', () => {
    const v0 = apiKeyVersion();
    setApiKey('http://127.0.0.1:8000/v1', 'sk-a');
    expect(apiKeyFor('http://127.0.0.1:8000/other')).toBe('sk-a');
    expect(apiKeyVersion()).toBeGreaterThan(v0);
    const e = {
      ...DEFAULT_EXPERIMENT,
      remote: 'http://127.0.0.1:8000/v1',
      verifier: 'oracle' as const,
    };
    expect(searchKeys(e)).toEqual({ policy: 'sk-a' });
    expect(JSON.stringify(parseExperiment(serializeExperiment(e)))).not.toContain('sk-a');
    setApiKey('http://127.0.0.1:8000/v1', '');
    expect(apiKeyFor('http://127.0.0.1:8000/v1')).toBeUndefined();
  });

  it('a remote verifier’s scores are named by model and server', () => {
    const e = {
      ...DEFAULT_EXPERIMENT,
      verifier: 'remote' as const,
      remote: 'http://127.0.0.1:8000/v1',
      verifierModel: 'arith-verifier',
    };
    expect(modelVerifier(e)?.id).toBe('arith-verifier@127.0.0.1:8000');
    expect(modelVerifier({ ...e, verifierServer: 'http://127.0.0.1:8001/v1' })?.id).toBe(
      'arith-verifier@127.0.0.1:8001',
    );
    expect(modelVerifier({ ...e, remote: null })).toBeNull();
  });
});
