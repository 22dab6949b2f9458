import { fileURLToPath } from 'node:url';

/**
 * Both apps' Vite configs (build, dev server and vitest) resolve 'react-i18next' to the shell's
 * small translation runtime (src/i18n-lite), so a first visit does not download i18next
 * (about 17 kB gzipped). Code keeps importing `useTranslation` from 'react-i18next' and keeps its
 * typed keys; only the runtime differs.
 */
export const i18nLiteAlias = {
  find: /^react-i18next$/,
  replacement: fileURLToPath(new URL('../src/i18n-lite/react.tsx', import.meta.url)),
};
