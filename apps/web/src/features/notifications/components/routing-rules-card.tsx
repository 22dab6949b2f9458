import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useNotificationEmails, type NotificationEmail } from '../api/notification-emails';
import {
  useDeleteRoutingRule,
  useReorderRoutingRules,
  useRoutingRules,
  type RoutingRule,
  type RoutingRules,
} from '../api/routing-rules';
import { RoutingRuleForm } from './routing-rule-form';

/** One line per rule: its conditions, then where it sends. */
function useSummary(members: RoutingRules['members'], addresses: NotificationEmail[]) {
  const { t } = useTranslation('notifications');
  return (rule: RoutingRule) => {
    const when: string[] = [];
    if (rule.forWhomContains) when.push(t('rules.summaryForWhom', { text: rule.forWhomContains }));
    if (rule.callbackRequired !== null)
      when.push(rule.callbackRequired ? t('rules.summaryCallbackYes') : t('rules.summaryCallbackNo'));
    if (rule.urgent !== null)
      when.push(rule.urgent ? t('rules.summaryUrgentYes') : t('rules.summaryUrgentNo'));
    if (rule.categories.length > 0)
      when.push(
        t('rules.summaryCategories', {
          list: rule.categories.map((c) => t(`rules.category.${c}`)).join('・'),
        }),
      );
    const channels = rule.channels.map((c) => t(`rules.channel.${c}`)).join('・');
    const to = [
      ...rule.emailAddressIds.map(
        (id) => addresses.find((a) => a.id === id)?.email ?? t('rules.removedAddress'),
      ),
      ...rule.memberIds.map((id) => members.find((m) => m.id === id)?.name ?? t('rules.removedMember')),
    ];
    return {
      when: when.length > 0 ? when.join(' / ') : t('rules.summaryAny'),
      then: t('rules.summaryTo', { channels }),
      emailTo:
        rule.channels.includes('email') && to.length > 0
          ? t('rules.summaryEmailTo', { list: to.join('、') })
          : null,
    };
  };
}

/**
 * R8.3 on the notifications page: 「通知ルール」, in priority order (the first that matches
 * decides; none = everyone). Owners add, edit, move up/down and delete; members read.
 */
export function RoutingRulesCard() {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const isOwner = user?.role === 'owner';
  const rules = useRoutingRules();
  const emails = useNotificationEmails();
  const reorder = useReorderRoutingRules();
  const remove = useDeleteRoutingRule();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const addresses = emails.data?.items ?? [];
  const summary = useSummary(rules.data?.members ?? [], addresses);

  const move = (index: number, by: -1 | 1) => {
    if (!rules.data) return;
    const ids = rules.data.items.map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids);
  };

  return (
    <Card title={t('rules.heading')}>
      <div data-testid="routing-rules-card">
        <p>{t('rules.lead')}</p>
        <p className="muted">{t('rules.example')}</p>
        {rules.isPending ? (
          <Spinner label={tc('app.loading')} />
        ) : rules.isError ? (
          <Alert>{translate(tc, errorMessage(rules.error))}</Alert>
        ) : (
          <>
            {rules.data.items.length === 0 ? <p className="muted">{t('rules.none')}</p> : null}
            {rules.data.items.length > 0 ? (
              <ol aria-label={t('rules.heading')}>
                {rules.data.items.map((rule, index) => {
                  const s = summary(rule);
                  return (
                    <li key={rule.id} data-testid="routing-rule">
                      <p>
                        <span className="badge">{t('rules.priority', { n: rule.priority })}</span>{' '}
                        <strong>{rule.name}</strong>
                      </p>
                      <p>
                        {s.when} {s.then}
                      </p>
                      {s.emailTo ? <p className="muted">{s.emailTo}</p> : null}
                      {isOwner && editing === rule.id ? (
                        <RoutingRuleForm
                          rule={rule}
                          members={rules.data.members}
                          addresses={addresses}
                          onDone={() => setEditing(null)}
                        />
                      ) : null}
                      {isOwner && editing !== rule.id ? (
                        deleting === rule.id ? (
                          <div role="group" aria-label={t('rules.delete')}>
                            <p>{t('rules.confirmDelete', { name: rule.name })}</p>
                            <Button
                              isLoading={remove.isPending}
                              onClick={() => remove.mutate(rule.id, { onSuccess: () => setDeleting(null) })}
                            >
                              {t('rules.confirmDeleteButton')}
                            </Button>{' '}
                            <Button variant="ghost" onClick={() => setDeleting(null)}>
                              {t('rules.cancel')}
                            </Button>
                          </div>
                        ) : (
                          <p role="group" aria-label={rule.name}>
                            <Button
                              variant="secondary"
                              disabled={index === 0 || reorder.isPending}
                              onClick={() => move(index, -1)}
                            >
                              {t('rules.up')}
                            </Button>{' '}
                            <Button
                              variant="secondary"
                              disabled={index === rules.data.items.length - 1 || reorder.isPending}
                              onClick={() => move(index, 1)}
                            >
                              {t('rules.down')}
                            </Button>{' '}
                            <Button variant="ghost" onClick={() => setEditing(rule.id)}>
                              {t('rules.edit')}
                            </Button>{' '}
                            <Button variant="ghost" onClick={() => setDeleting(rule.id)}>
                              {t('rules.delete')}
                            </Button>
                          </p>
                        )
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            ) : null}
            {reorder.isError ? <Alert>{translate(tc, errorMessage(reorder.error))}</Alert> : null}
            {remove.isError ? <Alert>{translate(tc, errorMessage(remove.error))}</Alert> : null}
            {isOwner ? (
              editing === 'new' ? (
                <RoutingRuleForm
                  rule={null}
                  members={rules.data.members}
                  addresses={addresses}
                  onDone={() => setEditing(null)}
                />
              ) : rules.data.items.length < rules.data.max ? (
                <p>
                  <Button onClick={() => setEditing('new')}>{t('rules.add')}</Button>
                </p>
              ) : (
                <p className="muted">{t('rules.limit', { max: rules.data.max })}</p>
              )
            ) : (
              <p className="muted">{t('rules.ownerOnly')}</p>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
