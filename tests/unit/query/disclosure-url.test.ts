/** The privacy threshold and the shared-link mark in a link: bounded, never below the minimum. */
import { describe, expect, it } from 'vitest';
import { CONTEXT_PARAMS, parseDisclosureParams, withContextParams, withDisclosureK } from '../../../src/lib/query/view-url';

const parse = (query: string) => parseDisclosureParams(new URLSearchParams(query));

describe('parseDisclosureParams', () => {
  it('defaults to 5, not shared', () => {
    expect(parse('m=naik_kelas_rate')).toEqual({ k: 5, shared: false, problem: false });
  });
  it('reads the threshold and the mark', () => {
    expect(parse('dk=10&shared=1')).toEqual({ k: 10, shared: true, problem: false });
    expect(parse('shared=yes').shared).toBe(false);
  });
  it('clamps a threshold out of bounds (a link cannot ask for less than 2) and says so', () => {
    expect(parse('dk=1')).toEqual({ k: 2, shared: false, problem: true });
    expect(parse('dk=0')).toEqual({ k: 2, shared: false, problem: true });
    expect(parse('dk=5000')).toEqual({ k: 50, shared: false, problem: true });
    expect(parse('dk=abc')).toEqual({ k: 5, shared: false, problem: true });
    expect(parse('dk=-3')).toEqual({ k: 5, shared: false, problem: true });
  });
});

describe('the privacy parameters travel with a view', () => {
  it('are context parameters, kept by every click inside the view', () => {
    expect(CONTEXT_PARAMS).toContain('dk');
    expect(CONTEXT_PARAMS).toContain('shared');
    const next = withContextParams(new URLSearchParams('d=region'), new URLSearchParams('dk=7&shared=1&m=x'));
    expect(next.toString()).toBe('d=region&dk=7&shared=1');
  });
  it('leave the default out of the link', () => {
    expect(withDisclosureK(new URLSearchParams('d=region&dk=7'), 5).toString()).toBe('d=region');
    expect(withDisclosureK(new URLSearchParams('d=region'), 8).toString()).toBe('d=region&dk=8');
  });
});
