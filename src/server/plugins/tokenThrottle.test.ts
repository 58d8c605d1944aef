import { describe, expect, it } from 'vitest';
import { TokenFailures } from './tokenThrottle.js';

describe('TokenFailures', () => {
  it('holds an address after the limit within the window, until the window ends', () => {
    const f = new TokenFailures(3, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 2; i++) f.fail('a', t0 + i);
    expect(f.waitSeconds('a', t0 + 10)).toBe(0);
    f.fail('a', t0 + 20);
    expect(f.waitSeconds('a', t0 + 30)).toBe(60);
    expect(f.waitSeconds('a', t0 + 59_000)).toBe(1);
    // another address is not held
    expect(f.waitSeconds('b', t0 + 30)).toBe(0);
    // the window ends: free again, and counting starts over
    expect(f.waitSeconds('a', t0 + 60_000)).toBe(0);
    f.fail('a', t0 + 60_001);
    expect(f.waitSeconds('a', t0 + 60_002)).toBe(0);
  });

  it('remembers at most maxAddresses, dropping the oldest', () => {
    const f = new TokenFailures(1, 60_000, 2);
    f.fail('a', 1);
    f.fail('b', 2);
    f.fail('c', 3);
    expect(f.waitSeconds('a', 4)).toBe(0);
    expect(f.waitSeconds('b', 4)).toBeGreaterThan(0);
    expect(f.waitSeconds('c', 4)).toBeGreaterThan(0);
  });
});
