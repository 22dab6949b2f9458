import { act, render, screen } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { Suspense } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { LiteI18n } from '@bc/app-shell';

// The shell's small i18next-compatible runtime, as the app's components use it.
const catalogues: Record<string, Record<string, Record<string, unknown>>> = {
  ja: { translation: { greet: 'こんにちは、{{name}}さん', empty: '' }, memo: { title: '応答メモ' } },
  en: { translation: { greet: 'Hello, {{name}}', empty: '' }, memo: { title: 'Answering memo' } },
};

function lazyInstance(loaded: string[]) {
  return new LiteI18n({
    lng: 'ja',
    defaultNS: 'translation',
    ns: ['translation', 'memo'],
    load: async (language, namespace) => {
      loaded.push(`${language}/${namespace}`);
      return catalogues[language][namespace];
    },
  });
}

describe('the translation runtime', () => {
  it('interpolates, splits namespace:key, falls back to defaultValue and then the key', () => {
    const i18n = new LiteI18n({
      lng: 'en',
      defaultNS: 'translation',
      ns: ['translation', 'memo'],
      resources: catalogues,
    });
    expect(i18n.t('greet', { name: 'Sato' })).toBe('Hello, Sato');
    expect(i18n.t('greet')).toBe('Hello, {{name}}');
    expect(i18n.t('memo:title')).toBe('Answering memo');
    expect(i18n.t('title', { ns: 'memo', lng: 'ja' })).toBe('応答メモ');
    expect(i18n.t('empty', { defaultValue: 'fallback' })).toBe('fallback');
    expect(i18n.t('missing.key')).toBe('missing.key');
    expect(i18n.t(['missing', 'greet'], { name: 'A' })).toBe('Hello, A');
  });

  it('suspends a component until its namespace is loaded, and loads the other language before switching', async () => {
    const loaded: string[] = [];
    const i18n = lazyInstance(loaded);
    await i18n.init(['translation']);
    function Title() {
      const { t } = useTranslation('memo');
      return <h1>{t('title')}</h1>;
    }
    // Awaited: React retries a component suspended inside act only once the act scope settles.
    await act(async () => {
      render(
        <I18nextProvider i18n={i18n as unknown as I18n}>
          <Suspense fallback={<p>loading</p>}>
            <Title />
          </Suspense>
        </I18nextProvider>,
      );
    });
    expect(await screen.findByRole('heading', { name: '応答メモ' })).toBeInTheDocument();
    await act(() => i18n.changeLanguage('en'));
    expect(screen.getByRole('heading', { name: 'Answering memo' })).toBeInTheDocument();
    expect(loaded).toEqual(['ja/translation', 'ja/memo', 'en/translation', 'en/memo']);
  });
});
