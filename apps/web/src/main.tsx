import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider';
import { AppRouter } from './app/router';
import { env } from './config/env';
import { createI18n } from './i18n';
import { createAppApi } from './lib/api';
import { createQueryClient } from './lib/query-client';
import './styles.css';

// Module-level singletons: created once per page load, so React StrictMode's double mount
// shares the same session and the same in-flight refresh.
const api = createAppApi({ baseUrl: env.apiUrl });
const i18n = createI18n();
const queryClient = createQueryClient();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <AppProvider api={api} i18n={i18n} queryClient={queryClient}>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
);
