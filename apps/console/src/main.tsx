import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider, createQueryClient } from '@bc/app-shell';
import { AppRouter } from './app/router';
import { env } from './config/env';
import { paths } from './config/paths';
import { createAppI18n } from './i18n';
import { createAppApi } from './lib/api';
import './styles.css';

// Module-level singletons: created once per page load, so React StrictMode's double mount
// shares the same session and the same in-flight refresh.
const api = createAppApi({ baseUrl: env.apiUrl });
const { i18n, ready } = createAppI18n();
const queryClient = createQueryClient();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The chosen language's catalogues arrive first, so the first paint is already translated.
void ready.finally(() => {
  createRoot(root).render(
    <StrictMode>
      <AppProvider api={api} i18n={i18n} queryClient={queryClient} paths={paths}>
        <Suspense>
          <AppRouter />
        </Suspense>
      </AppProvider>
    </StrictMode>,
  );
});
