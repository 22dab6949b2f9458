import { createContext } from 'react';
import type { AppApi } from './api';

export const ApiContext = createContext<AppApi | null>(null);
