import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { InvitationsCard } from './invitations-card';
import { InviteForm } from './invite-form';
import { MembersCard } from './members-card';
import './team.css';

/** チーム (R1.2): members, pending invitations, and the invite form. */
export function TeamPage() {
  const { t } = useTranslation('team');
  const { user } = useAuth();
  const role = user?.role === 'owner' ? 'owner' : 'member';
  return (
    <Page title={t('title')} lead={t('lead')}>
      <div className="grid">
        <MembersCard callerRole={role} />
        <InvitationsCard callerRole={role} />
        <InviteForm callerRole={role} />
      </div>
    </Page>
  );
}
