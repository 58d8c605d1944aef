/** Transactions PostgreSQL aborted as a deadlock victim or a serialization failure are run again. */
import { describe, expect, it } from 'vitest';
import { retryTransient } from './retry.js';

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('retryTransient', () => {
  it('runs a deadlock victim or a serialization failure again, and returns its result', async () => {
    for (const code of ['40P01', '40001']) {
      let calls = 0;
      const r = await retryTransient(async () => {
        calls++;
        if (calls < 3) throw failure(code);
        return 'done';
      });
      expect(r).toBe('done');
      expect(calls).toBe(3);
    }
  });

  it('gives up after a bounded number of attempts', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls++;
        throw failure('40P01');
      }, 4),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(calls).toBe(4);
  });

  it('never retries any other error', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls++;
        throw failure('23505');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(calls).toBe(1);
  });
});
