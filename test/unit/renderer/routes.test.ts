import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCREEN,
  hashOf,
  routeOf,
  ROUTES,
  SCREEN_GROUPS,
  screenOfHash,
} from '../../../renderer/src/app/routes';

describe('renderer routes (pure: no React, no IPC)', () => {
  it('a hash names its screen; empty, unknown or odd hashes open home', () => {
    expect(screenOfHash('#/report')).toBe('report');
    expect(screenOfHash('#report')).toBe('report');
    expect(screenOfHash('')).toBe(DEFAULT_SCREEN);
    expect(screenOfHash('#/')).toBe('home');
    expect(screenOfHash('#/no-such-screen')).toBe('home');
    expect(screenOfHash('#/REPORT')).toBe('home');
    expect(screenOfHash('#/toString')).toBe('home');
  });

  it('every route round-trips through its hash, and keys are unique', () => {
    for (const route of ROUTES) expect(screenOfHash(hashOf(route.key))).toBe(route.key);
    expect(new Set(ROUTES.map((r) => r.key)).size).toBe(ROUTES.length);
    expect(routeOf('home').firstReads).toEqual(['diagnosis.last']);
  });

  it('the menu is grouped in group order, each group non-empty', () => {
    const order = ROUTES.map((route) => SCREEN_GROUPS.indexOf(route.group));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const group of SCREEN_GROUPS) expect(ROUTES.some((route) => route.group === group)).toBe(true);
  });

  it('routes.ts imports neither React nor the IPC bridge', () => {
    const source = readFileSync(new URL('../../../renderer/src/app/routes.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    expect(
      imports.filter((spec) => /^(react|antd|@ant-design)/.test(spec) || spec.includes('ipc/doctor')),
    ).toEqual([]);
    // Types only: nothing of the contract's runtime (zod) comes along.
    expect(source).not.toMatch(/^import (?!type )/m);
  });
});
