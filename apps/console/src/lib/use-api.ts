import { use } from 'react';
import type { AppApi } from './api';
import { ApiContext } from './api-context';

export function useApi(): AppApi {
  const api = use(ApiContext);
  if (!api) throw new Error('useApi() must be used inside <AuthProvider>');
  return api;
}
