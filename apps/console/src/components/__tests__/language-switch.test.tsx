import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../testing/render-app';

const signedOut = () =>
  createFakeFetch({ 'POST /api/v1/admin/auth/refresh': () => problem(401, 'UNAUTHENTICATED') });

describe('language switch', () => {
  it('is Japanese by default and switches the visible text to English', async () => {
    const { user } = renderApp({ route: '/login', fetch: signedOut() });
    expect(await screen.findByRole('heading', { level: 1, name: 'スタッフログイン' })).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('lang', 'ja');

    await user.click(screen.getByRole('button', { name: 'English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Staff log-in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.queryByText('ログイン')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement).toHaveAttribute('lang', 'en');
    expect(window.localStorage.getItem('bc.console.language')).toBe('en');
  });

  it('remembers the choice on the next visit', async () => {
    window.localStorage.setItem('bc.console.language', 'en');
    renderApp({ route: '/login', fetch: signedOut() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Staff log-in' })).toBeInTheDocument();
  });
});
