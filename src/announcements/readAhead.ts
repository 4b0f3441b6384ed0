/**
 * Reads an async sequence ahead of its consumer, keeping up to `depth` items buffered, so a slow
 * page fetch (storage lists recipients a page at a time) does not leave the senders idle.
 * Concurrent `next()` calls are served in order.
 */
export function readAhead<T>(source: AsyncIterable<T>, depth: number): { next(): Promise<IteratorResult<T, undefined>> } {
  const iterator = source[Symbol.asyncIterator]();
  const buffer: T[] = [];
  const waiting: Array<{ resolve: (r: IteratorResult<T, undefined>) => void; reject: (err: unknown) => void }> = [];
  let done = false;
  let failure: { err: unknown } | undefined;
  let pumping = false;

  const settle = () => {
    while (waiting.length && (buffer.length || done || failure)) {
      const w = waiting.shift()!;
      if (buffer.length) w.resolve({ done: false, value: buffer.shift()! });
      else if (failure) w.reject(failure.err);
      else w.resolve({ done: true, value: undefined });
    }
  };

  const pump = async () => {
    if (pumping || done || failure) return;
    pumping = true;
    try {
      while (!done && buffer.length < depth) {
        const item = await iterator.next();
        if (item.done) done = true;
        else buffer.push(item.value);
        settle();
      }
    } catch (err) {
      failure = { err };
    } finally {
      pumping = false;
      settle();
    }
  };

  return {
    next() {
      const result = new Promise<IteratorResult<T, undefined>>((resolve, reject) => waiting.push({ resolve, reject }));
      settle();
      void pump();
      return result;
    },
  };
}
