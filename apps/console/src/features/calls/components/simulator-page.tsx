import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';
import { SimulatorPanel } from './simulator-panel';

/** Development and demos only: the call simulator, off the operators' desk. */
export function SimulatorPage() {
  const { t } = useTranslation('calls');
  return (
    <Page title={t('simulator.title')} lead={t('simulator.pageLead')}>
      <SimulatorPanel />
    </Page>
  );
}
