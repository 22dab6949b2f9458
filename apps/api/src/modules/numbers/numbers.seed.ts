import { Injectable } from '@nestjs/common';
import { NumbersService } from './numbers.service';

/** Twenty Tokyo numbers for the demo pool: 03-4500-0001 … 03-4500-0020. */
export const DEMO_POOL = Array.from({ length: 20 }, (_, i) => `03-4500-${String(i + 1).padStart(4, '0')}`);

/** The demo number pool. Running it again changes nothing (numbers already there are skipped). */
@Injectable()
export class NumbersSeed {
  constructor(private readonly numbers: NumbersService) {}

  async seedPool(): Promise<number> {
    return (await this.numbers.addToPool(DEMO_POOL)).added;
  }
}
