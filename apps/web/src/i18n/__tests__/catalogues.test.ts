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

// The apps' translation runtime (libs/app-shell/src/i18n-lite) does plain `{{name}}` placeholders
// only: a plural key (`_one`/`_other`), a nested `$t(…)` or a formatted `{{value, number}}` would
// show up untranslated, so the catalogues must not use them.
describe.each(Object.keys(resources.ja))('the %s namespace, for the translation runtime', (ns) => {
  it('uses no plural keys, nesting or formatters', () => {
    for (const language of ['ja', 'en'] as const) {
      const catalogue = resources[language][ns as keyof (typeof resources)['ja']];
      for (const key of keys(catalogue)) {
        expect(key, `${language}/${ns}:${key}`).not.toMatch(/_(zero|one|two|few|many|other)$/);
        const value = String(valueAt(catalogue, key));
        expect(value, `${language}/${ns}:${key}`).not.toMatch(/\$t\(|{{[^}]*,[^}]*}}/);
      }
    }
  });
});
