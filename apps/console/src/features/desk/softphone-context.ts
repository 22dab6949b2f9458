import { createContext, use } from 'react';
import { createSoftphone, type Softphone, type SoftphoneConfig } from './softphone/softphone';

export type SoftphoneFactory = (config: SoftphoneConfig) => Softphone;

/** How the desk page makes its softphone: the real adapters, or a fake injected by tests. */
export const SoftphoneFactoryContext = createContext<SoftphoneFactory>(createSoftphone);

export function useSoftphoneFactory(): SoftphoneFactory {
  return use(SoftphoneFactoryContext);
}
