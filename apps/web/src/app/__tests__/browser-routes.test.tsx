import { act, render, screen } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { BrowserRoutes } from '@bc/app-shell';
import { createI18n } from '../../i18n/catalogues';

function Broken(): never {
  throw new Error('a render error');
}

// The browser's router (declarative, see libs/app-shell/src/browser-routes.tsx) shows the error
// page for a render error, and the next location renders normally again.
describe('the browser routes', () => {
  it('show the error page for a render error and recover on the next navigation', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    window.history.pushState({}, '', '/broken');
    render(
      <I18nextProvider i18n={createI18n('ja') as I18n}>
        <BrowserRoutes
          routes={[
            { path: '/broken', element: <Broken /> },
            { path: '/fine', element: <p>いつもの画面</p> },
          ]}
        />
      </I18nextProvider>,
    );
    expect(screen.getByRole('heading', { name: 'エラー' })).toBeInTheDocument();
    expect(
      screen.getByText('エラーが発生しました。しばらくしてから再度お試しください。'),
    ).toBeInTheDocument();
    await act(async () => {
      window.history.pushState({}, '', '/fine');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByText('いつもの画面')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'エラー' })).not.toBeInTheDocument();
    window.history.pushState({}, '', '/');
  });
});
