import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MEMO_FIELDS, MEMO_LIMITS, type MemoField } from '@bc/domain';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { ApiError, errorMessage, translate } from '@bc/app-shell';
import {
  useMemoHistory,
  useMemoOverview,
  useOptionPrices,
  useRefileVersion,
  useSubmitVersion,
  useWithdrawVersion,
  type MemoKind,
  type QaPair,
} from '../api/memos';
import { GUIDE_FIELDS } from './memo-guide';
import {
  CountedTextArea,
  formatDateTime,
  hasProblem,
  QuotaLine,
  ScheduleFields,
  VersionContent,
  Versions,
  windowOf,
} from './memo-parts';
import type { MemoKindState } from './memo-types';
import './memo.css';

/** The billing area (plan and options), built by the billing feature. */
const BILLING_PATH = '/billing';

/** A field's message from a 422, by JSON pointer. */
function fieldError(error: unknown, pointer: string, t: (key: string) => string): string | null {
  if (!(error instanceof ApiError)) return null;
  const issue = error.problem.errors.find((e) => e.pointer === pointer);
  if (!issue) return null;
  return t(`errors.${issue.code ?? 'invalid'}`);
}

function useKindActions() {
  const submit = useSubmitVersion();
  const withdraw = useWithdrawVersion();
  return { submit, withdraw };
}

function Guide({ field }: { field: MemoField }) {
  const { t: typed } = useTranslation('memo');
  // the guide's keys are listed in memo-guide.ts and exist in both catalogues
  const t = typed as unknown as (k: string, v?: Record<string, string>) => string;
  const guide = GUIDE_FIELDS[field];
  return (
    <aside className="memo-guide" aria-label={t('guide.label', { field: t(`fields.${field}`) })}>
      <p className="memo-guide__title">{t('guide.ok')}</p>
      <ul>
        {guide.ok.map((k) => (
          <li key={k}>{t(`guide.examples.${k}`)}</li>
        ))}
      </ul>
      <p className="memo-guide__title">{t('guide.ng')}</p>
      <ul>
        {guide.ng.map((k) => (
          <li key={k}>{t(`guide.examples.${k}`)}</li>
        ))}
      </ul>
    </aside>
  );
}

function MemoEditor({ state }: { state: MemoKindState }) {
  const { t } = useTranslation('memo');
  const { t: tc } = useTranslation();
  const { submit, withdraw } = useKindActions();
  const start = state.pending?.memo ?? state.live?.memo ?? { basicInfo: '', businessHours: '', freeText: '' };
  const [values, setValues] = useState<Record<MemoField, string>>({ ...start });
  const [window, setWindow] = useState({ liveFrom: '', liveUntil: '' });
  const [done, setDone] = useState(false);
  const invalid = MEMO_FIELDS.some((f) => hasProblem(values[f]));
  const empty = MEMO_FIELDS.every((f) => values[f].trim() === '');
  const tt = t as unknown as (k: string) => string;
  return (
    <Card>
      <section aria-labelledby="memo-title">
        <h2 id="memo-title" className="card__title">
          {t('memo.title')}
        </h2>
        <QuotaLine quota={state.quota} />
        {done ? <Alert tone="success">{t('filed')}</Alert> : null}
        {submit.isError ? <Alert>{translate(tc, errorMessage(submit.error))}</Alert> : null}
        <form
          aria-label={t('memo.title')}
          onSubmit={(e) => {
            e.preventDefault();
            setDone(false);
            submit.mutate(
              { kind: 'memo', body: { ...values, ...windowOf(window.liveFrom, window.liveUntil) } },
              { onSuccess: () => setDone(true) },
            );
          }}
        >
          {MEMO_FIELDS.map((f) => (
            <CountedTextArea
              key={f}
              label={t(`fields.${f}`)}
              value={values[f]}
              onChange={(v) => setValues((prev) => ({ ...prev, [f]: v }))}
              error={fieldError(submit.error, `/body/${f}`, tt)}
              aside={<Guide field={f} />}
            />
          ))}
          <ScheduleFields
            liveFrom={window.liveFrom}
            liveUntil={window.liveUntil}
            onChange={setWindow}
            error={fieldError(submit.error, '/body/liveUntil', tt)}
          />
          <Button
            type="submit"
            isLoading={submit.isPending}
            disabled={invalid || empty || state.quota.remaining === 0}
          >
            {t('submit')}
          </Button>
          <p className="muted">{t('replaceNote')}</p>
        </form>
        <Versions
          state={state}
          liveLabel={t('memo.live')}
          emptyLive={t('memo.noLive')}
          onWithdraw={(id) => withdraw.mutate(id)}
          withdrawing={withdraw.isPending}
        />
        <History kind="memo" />
      </section>
    </Card>
  );
}

function OptionOffer({ kind, price }: { kind: 'qa' | 'announcement'; price: number | null }) {
  const { t } = useTranslation('memo');
  return (
    <Alert tone="info">
      <p>{t(`${kind}.offer`)}</p>
      {price !== null ? <p>{t('optionPrice', { price: price.toLocaleString('ja-JP') })}</p> : null}
      <p>
        <Link to={BILLING_PATH}>{t('optionLink')}</Link>
      </p>
    </Alert>
  );
}

function QaEditor({ state, price }: { state: MemoKindState; price: number | null }) {
  const { t } = useTranslation('memo');
  const { t: tc } = useTranslation();
  const { submit, withdraw } = useKindActions();
  const locked = !state.available;
  const [items, setItems] = useState<QaPair[]>(() =>
    (state.pending?.qa ?? state.live?.qa ?? []).map((p) => ({ ...p })),
  );
  const [done, setDone] = useState(false);
  const invalid = items.some(
    (p) => !p.question.trim() || !p.answer.trim() || hasProblem(p.question) || hasProblem(p.answer),
  );
  const tt = t as unknown as (k: string) => string;
  const set = (i: number, patch: Partial<QaPair>) =>
    setItems((prev) => prev.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Card>
      <section aria-labelledby="qa-title">
        <h2 id="qa-title" className="card__title">
          {t('qa.title')}
        </h2>
        <p className="muted">{t('qa.lead')}</p>
        {locked ? <OptionOffer kind="qa" price={price} /> : <QuotaLine quota={state.quota} />}
        {done ? <Alert tone="success">{t('filed')}</Alert> : null}
        {submit.isError ? <Alert>{translate(tc, errorMessage(submit.error))}</Alert> : null}
        <form
          aria-label={t('qa.title')}
          onSubmit={(e) => {
            e.preventDefault();
            setDone(false);
            submit.mutate({ kind: 'qa', body: { items } }, { onSuccess: () => setDone(true) });
          }}
        >
          <fieldset disabled={locked} className="memo-qa">
            {items.map((p, i) => (
              <div key={i} className="memo-qa__pair" data-testid={`qa-pair-${i}`}>
                <CountedTextArea
                  label={t('qa.question', { n: i + 1 })}
                  value={p.question}
                  rows={2}
                  onChange={(v) => set(i, { question: v })}
                  error={fieldError(submit.error, `/body/items/${i}/question`, tt)}
                />
                <CountedTextArea
                  label={t('qa.answer', { n: i + 1 })}
                  value={p.answer}
                  rows={2}
                  onChange={(v) => set(i, { answer: v })}
                  error={fieldError(submit.error, `/body/items/${i}/answer`, tt)}
                />
                <Button
                  variant="secondary"
                  onClick={() => setItems((prev) => prev.filter((_, j) => j !== i))}
                >
                  {t('qa.remove', { n: i + 1 })}
                </Button>
              </div>
            ))}
            <Button
              variant="secondary"
              disabled={locked || items.length >= MEMO_LIMITS.qaPairs}
              onClick={() => setItems((prev) => [...prev, { question: '', answer: '' }])}
            >
              {t('qa.add')}
            </Button>
            <p className="muted">{t('qa.rule')}</p>
            <Button
              type="submit"
              isLoading={submit.isPending}
              disabled={locked || invalid || state.quota.remaining === 0}
            >
              {t('submit')}
            </Button>
          </fieldset>
        </form>
        {!locked ? (
          <>
            <Versions
              state={state}
              liveLabel={t('qa.live')}
              emptyLive={t('qa.noLive')}
              onWithdraw={(id) => withdraw.mutate(id)}
              withdrawing={withdraw.isPending}
            />
            <History kind="qa" />
          </>
        ) : null}
      </section>
    </Card>
  );
}

function AnnouncementEditor({
  state,
  price,
  defaultText,
}: {
  state: MemoKindState;
  price: number | null;
  defaultText: string;
}) {
  const { t } = useTranslation('memo');
  const { t: tc } = useTranslation();
  const { submit, withdraw } = useKindActions();
  const locked = !state.available;
  const [text, setText] = useState(state.pending?.announcement ?? state.live?.announcement ?? '');
  const [window, setWindow] = useState({ liveFrom: '', liveUntil: '' });
  const [done, setDone] = useState(false);
  const tt = t as unknown as (k: string) => string;
  return (
    <Card>
      <section aria-labelledby="announcement-title">
        <h2 id="announcement-title" className="card__title">
          {t('announcement.title')}
        </h2>
        <p className="muted">{t('announcement.lead')}</p>
        <p>
          {t('announcement.default')} <q>{defaultText}</q>
        </p>
        {locked ? <OptionOffer kind="announcement" price={price} /> : <QuotaLine quota={state.quota} />}
        {done ? <Alert tone="success">{t('filed')}</Alert> : null}
        {submit.isError ? <Alert>{translate(tc, errorMessage(submit.error))}</Alert> : null}
        <form
          aria-label={t('announcement.title')}
          onSubmit={(e) => {
            e.preventDefault();
            setDone(false);
            submit.mutate(
              { kind: 'announcement', body: { text, ...windowOf(window.liveFrom, window.liveUntil) } },
              { onSuccess: () => setDone(true) },
            );
          }}
        >
          <fieldset disabled={locked}>
            <CountedTextArea
              label={t('announcement.text')}
              value={text}
              onChange={setText}
              disabled={locked}
              error={fieldError(submit.error, '/body/text', tt)}
            />
            <ScheduleFields
              liveFrom={window.liveFrom}
              liveUntil={window.liveUntil}
              onChange={setWindow}
              disabled={locked}
              error={fieldError(submit.error, '/body/liveUntil', tt)}
            />
            <Button
              type="submit"
              isLoading={submit.isPending}
              disabled={locked || !text.trim() || hasProblem(text) || state.quota.remaining === 0}
            >
              {t('submit')}
            </Button>
          </fieldset>
        </form>
        {!locked ? (
          <>
            <Versions
              state={state}
              liveLabel={t('announcement.live')}
              emptyLive={t('announcement.noLive')}
              onWithdraw={(id) => withdraw.mutate(id)}
              withdrawing={withdraw.isPending}
            />
            <History kind="announcement" />
          </>
        ) : null}
      </section>
    </Card>
  );
}

/** R8.8: every approved version, with who approved it and when; one can be filed again. */
function History({ kind }: { kind: MemoKind }) {
  const { t, i18n } = useTranslation('memo');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useMemoHistory(kind, open);
  const refile = useRefileVersion();
  return (
    <details className="memo-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('history.title')}</summary>
      {refile.isError ? <Alert>{translate(tc, errorMessage(refile.error))}</Alert> : null}
      {refile.isSuccess ? <Alert tone="success">{t('filed')}</Alert> : null}
      {history.isPending ? (
        open ? (
          <Spinner label={t('loading')} />
        ) : null
      ) : history.isError ? (
        <Alert>{translate(tc, errorMessage(history.error))}</Alert>
      ) : history.data.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol data-testid={`${kind}-history`}>
          {history.data.map((v) => (
            <li key={v.id}>
              <p className="muted">
                {t('approvedBy', {
                  name: v.decidedByName ?? '—',
                  date: formatDateTime(v.decidedAt!, i18n.language),
                })}
              </p>
              <VersionContent version={v} />
              <Button variant="secondary" onClick={() => refile.mutate(v.id)} isLoading={refile.isPending}>
                {t('history.refile')}
              </Button>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

/** 応答メモ (R5): what operators see, filed for review before it goes live. */
export function MemoPage() {
  const { t } = useTranslation('memo');
  const { t: tc } = useTranslation();
  const overview = useMemoOverview();
  const catalogue = useOptionPrices();
  const priceOf = (code: 'qa' | 'out_of_hours_announcement') =>
    catalogue.data?.options.find((o) => o.code === code)?.monthlyFee ?? null;
  return (
    <Page title={t('title')} lead={t('lead')}>
      <Alert tone="info">{t('noGuarantee')}</Alert>
      {overview.isPending ? (
        <Spinner label={t('loading')} />
      ) : overview.isError ? (
        <Alert>{translate(tc, errorMessage(overview.error))}</Alert>
      ) : (
        <>
          <MemoEditor state={overview.data.memo} />
          <QaEditor key={`qa-${overview.data.qa.available}`} state={overview.data.qa} price={priceOf('qa')} />
          <AnnouncementEditor
            key={`ann-${overview.data.announcement.available}`}
            state={overview.data.announcement}
            price={priceOf('out_of_hours_announcement')}
            defaultText={overview.data.defaultAnnouncement}
          />
        </>
      )}
    </Page>
  );
}
