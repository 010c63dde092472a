/**
 * Iterates `source` one item ahead: while the caller works on an item (a chunk in PostgreSQL),
 * the next one is already being read and gunzipped on this side.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  // A failure while the caller is busy is reported when the caller asks for the item.
  pending.catch(() => undefined);
  try {
    for (;;) {
      const result = await pending;
      if (result.done) return;
      pending = iterator.next();
      pending.catch(() => undefined);
      yield result.value;
    }
  } finally {
    void pending.then(() => iterator.return?.(), () => undefined);
  }
}
