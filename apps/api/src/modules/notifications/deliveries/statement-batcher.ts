/**
 * Coalesces single-row statements into one statement over many rows, without waiting on a timer:
 * at most one batch is in flight; calls made meanwhile wait for it and go together in the next.
 * Alone, a call costs what it did (one statement); under load (many deliveries finishing at
 * once) one statement serves many. Each call gets its own row's result, or the batch's error.
 */
export class StatementBatcher<I, O> {
  private waiting: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    /** One statement for these inputs; returns one output per input, in the same order. */
    private readonly runBatch: (inputs: I[]) => Promise<O[]>,
    private readonly maxBatch = 100,
  ) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const outputs = await this.runBatch(batch.map((b) => b.input));
          batch.forEach((b, i) => b.resolve(outputs[i]!));
        } catch (err) {
          batch.forEach((b) => b.reject(err));
        }
      }
    } finally {
      this.running = false;
    }
  }
}
