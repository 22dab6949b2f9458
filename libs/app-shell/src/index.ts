// The shell both apps are built on. Each app configures it (auth endpoints, catalogues, paths) in a
// few lines and keeps only what is its own: routes, features and navigation.
export * from './app-provider';
export * from './auth';
export * from './error-routes';
export * from './i18n';
export * from './language-switch';
export * from './page';
export * from './problem';
export * from './query-client';
export * from './session-api';
export * from './catalogue-glob';
export * from './layout';
export * from './browser-routes';
export { LiteI18n } from './i18n-lite/core';
