import { Pacer, backoffMs, parseRetryAfter, type Timing } from '../../src/announcements/timing';
import { GroupCommit } from '../../src/announcements/groupCommit';
import { readAhead } from '../../src/announcements/readAhead';

/** A clock that moves only when someone sleeps. */
function fakeTiming(): Timing & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += Math.max(0, ms);
    },
    random: () => 0.5,
  };
}

describe('announcement pacing and retries', () => {
  test('the pacer hands out one slot per 1000/rate ms, whoever asks', async () => {
    const timing = fakeTiming();
    const pacer = new Pacer(100, timing);
    const start = timing.now();
    for (let i = 0; i < 50; i++) await pacer.take();
    // 50 slots at 100/s: the last one 490 ms after the first.
    expect(timing.now() - start).toBe(490);
  });

  test('slots missed under load are caught up only within the burst allowance', async () => {
    const timing = fakeTiming();
    const pacer = new Pacer(100, timing, 200);
    await pacer.take();
    await timing.sleep(5000); // the process was busy for 5 s
    const before = timing.slept.length;
    for (let i = 0; i < 21; i++) await pacer.take();
    // 200 ms worth (20 slots, plus the one due now) go at once, not 5 s worth.
    expect(timing.slept.slice(before)).toEqual([]);
    await pacer.take();
    expect(timing.slept[timing.slept.length - 1]).toBe(10);
  });

  test('backoff doubles with jitter, is capped, and never beats Retry-After', () => {
    const policy = { baseMs: 500, maxMs: 4000, maxAttempts: 8 };
    expect(backoffMs(policy, 1, () => 0)).toBe(250);
    expect(backoffMs(policy, 1, () => 1)).toBe(500);
    expect(backoffMs(policy, 3, () => 1)).toBe(2000);
    expect(backoffMs(policy, 10, () => 1)).toBe(4000);
    expect(backoffMs(policy, 1, () => 0, 7000)).toBe(7000);
  });

  test('Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  test('group commit: items arriving during a write go together in the next one; each caller waits for its own', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const commit = new GroupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await gate;
    });
    const first = commit.add(1);
    const rest = [2, 3, 4].map((n) => commit.add(n));
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  test('group commit: a failed write fails exactly its own callers', async () => {
    let calls = 0;
    const commit = new GroupCommit<number>(async () => {
      if (calls++ === 0) throw new Error('storage down');
    });
    await expect(commit.add(1)).rejects.toThrow('storage down');
    await expect(commit.add(2)).resolves.toBeUndefined();
  });

  test('read-ahead serves concurrent readers every item once, in order, then done; errors reach the reader', async () => {
    async function* numbers() {
      for (let i = 0; i < 25; i++) {
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
        yield i;
      }
    }
    const reader = readAhead(numbers(), 7);
    const results = await Promise.all(Array.from({ length: 30 }, () => reader.next()));
    expect(results.filter((r) => !r.done).map((r) => r.value)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(results.slice(25).every((r) => r.done)).toBe(true);

    // eslint-disable-next-line require-yield -- a source that fails on first read
    async function* failing(): AsyncIterable<number> {
      throw new Error('listing failed');
    }
    await expect(readAhead(failing(), 3).next()).rejects.toThrow('listing failed');
  });
});
