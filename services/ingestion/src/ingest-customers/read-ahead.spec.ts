import { readAhead } from './read-ahead';

/** A source that logs when each item is asked for, so the test sees how far ahead it is read. */
function loggingSource(items: number[], log: string[], failAt?: number): AsyncGenerator<number> {
  return (async function* () {
    try {
      for (const item of items) {
        log.push(`produce ${item}`);
        if (item === failAt) throw new Error(`cannot produce ${item}`);
        yield item;
      }
    } finally {
      log.push('source closed');
    }
  })();
}

describe(readAhead.name, () => {
  it('should ask for the next item before the current one is consumed and keep the order when items flow', async () => {
    const log: string[] = [];
    for await (const item of readAhead(loggingSource([1, 2, 3], log))) log.push(`consume ${item}`);

    expect(log).toEqual(['produce 1', 'produce 2', 'consume 1', 'produce 3', 'consume 2', 'source closed', 'consume 3']);
  });

  it('should read no more than one item ahead when the consumer is slow', async () => {
    const log: string[] = [];
    const iterator = readAhead(loggingSource([1, 2, 3, 4], log));

    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(log).toEqual(['produce 1', 'produce 2']);
    await iterator.return(undefined);
  });

  it('should throw the failure of the item read ahead only when that item is reached, not before', async () => {
    const log: string[] = [];
    const consumed: number[] = [];

    await expect(
      (async () => {
        for await (const item of readAhead(loggingSource([1, 2, 3], log, 2))) consumed.push(item);
      })(),
    ).rejects.toThrow('cannot produce 2');

    expect(consumed).toEqual([1]);
    expect(log).toContain('source closed');
  });

  it('should close the source and stop reading when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const item of readAhead(loggingSource([1, 2, 3, 4], log))) {
      if (item === 2) break;
    }

    expect(log).toEqual(['produce 1', 'produce 2', 'produce 3', 'source closed']);
  });

  it('should yield the items of a synchronous iterable when given one', async () => {
    const items: string[] = [];
    for await (const item of readAhead(['a', 'b'])) items.push(item);

    expect(items).toEqual(['a', 'b']);
  });
});
