import type { CatalogueItem } from './catalogue-item.entity';
import type { CataloguePrice } from './catalogue-price.entity';
import type { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import type { Clock } from './clock';

const item = (code: CatalogueItem['code'], kind: CatalogueItem['kind']): CatalogueItem =>
  ({ code, kind, nameJa: code, nameEn: code, sortOrder: 0, createdAt: new Date() }) as CatalogueItem;

function setup(now: string) {
  const repo: jest.Mocked<
    Pick<CatalogueRepository, 'findItem' | 'existsOn' | 'insertPrice' | 'findItems' | 'findPricesInForce'>
  > = {
    findItem: jest.fn(async (code) => item(code, code === 'standard' ? 'plan' : 'option')),
    existsOn: jest.fn<Promise<boolean>, Parameters<CatalogueRepository['existsOn']>>(async () => false),
    insertPrice: jest.fn(
      async (input) => ({ ...input, id: 'p-1', createdAt: new Date(now) }) as CataloguePrice,
    ),
    findItems: jest.fn(async (): Promise<CatalogueItem[]> => []),
    findPricesInForce: jest.fn(async (_date: string): Promise<CataloguePrice[]> => []),
  };
  const clock: Clock = { now: () => new Date(now) };
  return { repo, service: new CatalogueService(repo as unknown as CatalogueRepository, clock) };
}

describe('CatalogueService and the Japan date', () => {
  // 2026-03-31 15:00 UTC is already 1 April in Tokyo.
  const justAfterMidnightInTokyo = '2026-03-31T15:00:00.000Z';

  it('takes today from the clock, in Japan time', async () => {
    const { service, repo } = setup(justAfterMidnightInTokyo);
    expect(service.today()).toBe('2026-04-01');
    await service.current();
    expect(repo.findPricesInForce).toHaveBeenCalledWith('2026-04-01');
  });

  it('refuses a price starting today in Japan even though it is still yesterday in UTC', async () => {
    const { service, repo } = setup(justAfterMidnightInTokyo);
    await expect(
      service.addPrice({ itemCode: 'qa', effectiveFrom: '2026-04-01', amount: 2500 }, 'staff-1'),
    ).rejects.toMatchObject({ code: 'PRICE_NOT_IN_FUTURE' });
    expect(repo.insertPrice).not.toHaveBeenCalled();
  });

  it('refuses a day other than the 1st (R2.4: one price a month), naming the next possible 1st', async () => {
    const { service, repo } = setup(justAfterMidnightInTokyo);
    await expect(
      service.addPrice({ itemCode: 'qa', effectiveFrom: '2026-04-15', amount: 2500 }, 'staff-1'),
    ).rejects.toMatchObject({
      code: 'PRICE_NOT_FIRST_OF_MONTH',
      message: expect.stringContaining('2026-05-01'),
      options: { fieldErrors: [expect.objectContaining({ pointer: '/body/effectiveFrom' })] },
    });
    expect(repo.insertPrice).not.toHaveBeenCalled();
  });

  it('accepts the next 1st, with the standard tax rate and no plan fields for an option', async () => {
    const { service, repo } = setup(justAfterMidnightInTokyo);
    const row = await service.addPrice(
      { itemCode: 'qa', effectiveFrom: '2026-05-01', amount: 2500 },
      'staff-1',
    );
    expect(repo.insertPrice).toHaveBeenCalledWith({
      itemCode: 'qa',
      effectiveFrom: '2026-05-01',
      amount: 2500,
      includedCalls: null,
      perCallFee: null,
      taxRatePercent: 10,
      createdBy: 'staff-1',
    });
    expect(row).toMatchObject({ status: 'scheduled', itemKind: 'option' });
  });

  it('refuses any tax rate but 10% (R2.8), saying which field', async () => {
    const { service, repo } = setup(justAfterMidnightInTokyo);
    await expect(
      service.addPrice(
        { itemCode: 'qa', effectiveFrom: '2026-05-01', amount: 2500, taxRatePercent: 8 },
        'staff-1',
      ),
    ).rejects.toMatchObject({
      code: 'TAX_RATE_NOT_SUPPORTED',
      options: { fieldErrors: [expect.objectContaining({ pointer: '/body/taxRatePercent' })] },
    });
    expect(repo.insertPrice).not.toHaveBeenCalled();
  });

  it('refuses a duplicate date before inserting', async () => {
    const { service, repo } = setup(justAfterMidnightInTokyo);
    repo.existsOn.mockResolvedValue(true);
    await expect(
      service.addPrice(
        {
          itemCode: 'standard',
          effectiveFrom: '2026-05-01',
          amount: 6000,
          includedCalls: 40,
          perCallFee: 176,
        },
        'staff-1',
      ),
    ).rejects.toMatchObject({ code: 'PRICE_ALREADY_SCHEDULED' });
    expect(repo.insertPrice).not.toHaveBeenCalled();
  });
});
