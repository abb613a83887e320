/**
 * Yields the items of `source` while already asking it for the next one, so producing item n + 1 (parsing
 * and validating the next CSV chunk) overlaps with the consumer's work on item n (its database write). At
 * most one item waits: memory stays bounded by two chunks. Closing this generator closes the source.
 */
export async function* readAhead<T>(source: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  const iterator = toAsyncIterable(source)[Symbol.asyncIterator]();
  let done = false;
  try {
    let next = iterator.next();
    for (;;) {
      // Already handled: a failure of the item read ahead is thrown when that item is awaited, not before.
      next.catch(() => undefined);
      const result = await next;
      if (result.done) {
        done = true;
        return;
      }
      next = iterator.next();
      yield result.value;
    }
  } finally {
    if (!done) await iterator.return?.(undefined);
  }
}

async function* toAsyncIterable<T>(source: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* source;
}
