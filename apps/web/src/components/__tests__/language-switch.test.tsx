import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../testing/render-app';

const signedOut = () =>
  createFakeFetch({ 'POST /api/v1/auth/refresh': () => problem(401, 'UNAUTHENTICATED') });

describe('language switch', () => {
  it('is Japanese by default and switches the visible text to English', async () => {
    const { user } = renderApp({ route: '/login', fetch: signedOut() });
    expect(await screen.findByRole('heading', { level: 1, name: 'ログイン' })).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('lang', 'ja');
    expect(screen.getByRole('button', { name: '日本語' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: 'English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.queryByText('ログイン')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement).toHaveAttribute('lang', 'en');
    expect(window.localStorage.getItem('bc.language')).toBe('en');
  });

  it('remembers the choice on the next visit', async () => {
    window.localStorage.setItem('bc.language', 'en');
    renderApp({ route: '/signup', fetch: signedOut() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign up' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Corporation' })).toBeInTheDocument();
  });

  it('translates API error messages in the chosen language', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': () => problem(401, 'UNAUTHENTICATED'),
      'POST /api/v1/auth/login': () => problem(401, 'INVALID_CREDENTIALS'),
    });
    const { user } = renderApp({ route: '/login', fetch, language: 'en' });
    await user.type(await screen.findByLabelText('Email address'), 'taro@example.jp');
    await user.type(screen.getByLabelText('Password'), 'whatever-password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email address or password is incorrect.');

    // Messages are kept as keys, so switching language re-translates the error on screen.
    await user.click(screen.getByRole('button', { name: '日本語' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'メールアドレスまたはパスワードが正しくありません。',
    );
  });
});
