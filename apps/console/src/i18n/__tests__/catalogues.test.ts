import { describe, expect, it } from 'vitest';
import en from '../en.json';
import ja from '../ja.json';
import jaNumbers from '../ja/numbers.json';
import enNumbers from '../en/numbers.json';
import jaCatalogue from '../ja/catalogue.json';
import enCatalogue from '../en/catalogue.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('message catalogues', () => {
  it('have the same keys in Japanese and English', () => {
    expect(keys(en).sort()).toEqual(keys(ja).sort());
  });

  it('have no empty messages', () => {
    for (const catalogue of [ja, en]) {
      for (const key of keys(catalogue)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });
});

describe('the numbers namespace', () => {
  it('has the same keys in Japanese and English, and no empty messages', () => {
    expect(keys(enNumbers).sort()).toEqual(keys(jaNumbers).sort());
    for (const catalogue of [jaNumbers, enNumbers]) {
      for (const key of keys(catalogue)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });
});

describe('the catalogue namespace', () => {
  it('has the same keys in Japanese and English, and no empty messages', () => {
    expect(keys(enCatalogue).sort()).toEqual(keys(jaCatalogue).sort());
    for (const catalogue of [jaCatalogue, enCatalogue]) {
      for (const key of keys(catalogue)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });
});
