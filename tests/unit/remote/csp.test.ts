import { describe, expect, it } from 'vitest';
import { parseDataOrigins, withDataOrigins } from '../../../csp.config.js';

/** The shape of svelte.config.js's `cspDirectives` (not imported: that file is not type-checked). */
const cspDirectives = {
  'default-src': ['self'],
  'script-src': ['self', 'wasm-unsafe-eval'],
  'connect-src': ['self', 'blob:', 'data:'],
};

describe('DATA_ORIGIN: allowed data origins at build time', () => {
  it('adds nothing without DATA_ORIGIN', () => {
    expect(withDataOrigins(cspDirectives, {})).toEqual(cspDirectives);
    expect(withDataOrigins(cspDirectives, { DATA_ORIGIN: '  ' })).toEqual(cspDirectives);
  });

  it('appends the origins to connect-src only', () => {
    const out = withDataOrigins(cspDirectives, { DATA_ORIGIN: 'https://data.example.go.id, https://Cdn.Example.org:8443/' });
    expect(out['connect-src']).toEqual([...cspDirectives['connect-src'], 'https://data.example.go.id', 'https://cdn.example.org:8443']);
    expect(out['default-src']).toEqual(cspDirectives['default-src']);
    expect(out['script-src']).toEqual(cspDirectives['script-src']);
    expect(cspDirectives['connect-src']).not.toContain('https://data.example.go.id'); // not mutated
  });

  it('accepts plain http for loopback hosts only', () => {
    expect(parseDataOrigins('http://127.0.0.1:9000 http://localhost:8080')).toEqual(['http://127.0.0.1:9000', 'http://localhost:8080']);
    expect(() => parseDataOrigins('http://data.example.go.id')).toThrow(/must use https/);
  });

  it.each([
    ['*', /not a URL/],
    ['https://*.example.go.id', /no wildcards/],
    ['https://data.example.go.id/ntb/', /origin only/],
    ['https://user:pw@data.example.go.id', /origin only/],
    ['https://data.example.go.id?x=1', /origin only/],
    ["https://data.example.go.id 'unsafe-inline'", /not a URL/],
    ['javascript:alert(1)', /must use https/],
    ['data.example.go.id', /not a URL/],
  ])('refuses %j', (value, pattern) => {
    expect(() => parseDataOrigins(value)).toThrow(pattern);
  });
});
