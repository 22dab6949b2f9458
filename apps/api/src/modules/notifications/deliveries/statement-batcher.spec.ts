import { StatementBatcher } from './statement-batcher';

describe('StatementBatcher', () => {
  it('runs a lone call at once, and calls made meanwhile together in the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new StatementBatcher<number, number>(async (xs) => {
      batches.push(xs);
      if (batches.length === 1) await gate;
      return xs.map((x) => x * 10);
    });
    const first = b.run(1);
    const rest = [b.run(2), b.run(3), b.run(4)];
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every call of a failed batch, and goes on with the next', async () => {
    let fail = true;
    const b = new StatementBatcher<number, number>(async (xs) => {
      if (fail) {
        fail = false;
        throw new Error('boom');
      }
      return xs;
    });
    await expect(b.run(1)).rejects.toThrow('boom');
    expect(await b.run(2)).toBe(2);
  });

  it('splits batches at maxBatch', async () => {
    const sizes: number[] = [];
    const b = new StatementBatcher<number, number>(async (xs) => {
      sizes.push(xs.length);
      return xs;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((x) => b.run(x)));
    expect(sizes).toEqual([1, 2, 2]);
  });
});
