import { describe, expect, it } from 'vitest';
import { resources } from '../catalogues';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
const valueAt = (catalogue: unknown, key: string) =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
const placeholders = (text: unknown) =>
  String(text)
    .match(/{{\s*\w+\s*}}/g)
    ?.sort() ?? [];

// Every namespace registered in i18n/index.ts is checked, so a new feature's file cannot be missed.
describe.each(Object.keys(resources.ja))('the %s namespace', (ns) => {
  const ja = resources.ja[ns as keyof typeof resources.ja];
  const en = resources.en[ns as keyof typeof resources.en];

  it('has the same keys in Japanese and English', () => {
    expect(keys(en).sort()).toEqual(keys(ja).sort());
  });

  it('has no empty messages', () => {
    for (const catalogue of [ja, en]) {
      for (const key of keys(catalogue)) {
        const value = valueAt(catalogue, key);
        expect(typeof value === 'string' && value.trim().length > 0, `${ns}:${key}`).toBe(true);
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of keys(ja)) {
      expect(placeholders(valueAt(en, key)), `${ns}:${key}`).toEqual(placeholders(valueAt(ja, key)));
    }
  });
});
