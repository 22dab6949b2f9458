import { describe, expect, it } from 'vitest';
import en from '../en.json';
import ja from '../ja.json';
import jaNumber from '../ja/number.json';
import jaAccount from '../ja/account.json';
import enAccount from '../en/account.json';
import enNumber from '../en/number.json';
import jaPublic from '../ja/public.json';
import enPublic from '../en/public.json';

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

describe('the number namespace', () => {
  it('has the same keys in Japanese and English, and no empty messages', () => {
    expect(keys(enNumber).sort()).toEqual(keys(jaNumber).sort());
    for (const catalogue of [jaNumber, enNumber]) {
      for (const key of keys(catalogue)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });
});

describe('the account namespace', () => {
  const valueAt = (catalogue: unknown, key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
  const placeholders = (text: unknown) =>
    String(text)
      .match(/{{\s*\w+\s*}}/g)
      ?.sort() ?? [];

  it('has the same keys in Japanese and English, no empty messages, and the same placeholders', () => {
    expect(keys(enAccount).sort()).toEqual(keys(jaAccount).sort());
    for (const catalogue of [jaAccount, enAccount]) {
      for (const key of keys(catalogue)) {
        const value = valueAt(catalogue, key);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
    for (const key of keys(jaAccount)) {
      expect(placeholders(valueAt(enAccount, key)), key).toEqual(placeholders(valueAt(jaAccount, key)));
    }
  });
});

describe('the public namespace', () => {
  const valueAt = (catalogue: unknown, key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
  const placeholders = (text: unknown) =>
    String(text)
      .match(/{{\s*\w+\s*}}/g)
      ?.sort() ?? [];

  it('has the same keys in Japanese and English, and no empty messages', () => {
    expect(keys(enPublic).sort()).toEqual(keys(jaPublic).sort());
    for (const catalogue of [jaPublic, enPublic]) {
      for (const key of keys(catalogue)) {
        const value = valueAt(catalogue, key);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of keys(jaPublic)) {
      expect(placeholders(valueAt(enPublic, key)), key).toEqual(placeholders(valueAt(jaPublic, key)));
    }
  });
});
