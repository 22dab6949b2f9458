import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

type Step = {
  key: string;
  status: string;
  action: string | null;
  identityStatus?: string | null;
  rejectionReason?: string | null;
  number?: string | null;
};

const step = (s: Step) => ({ identityStatus: null, rejectionReason: null, number: null, doneAt: null, ...s });
const emailDone = step({ key: 'email_confirmed', status: 'done', action: null });

function onboarding(state: string, steps: Step[], complete = false) {
  return () => json(200, { state, complete, steps: steps.map(step) });
}

function render(answer: () => Response, state = 'applied', language?: 'ja' | 'en') {
  const fetch = createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(200, aSession(aCustomer({ account: anAccount({ state }) }))),
    'GET /api/v1/account/onboarding': answer,
  });
  return { fetch, ...renderApp({ route: '/', fetch, language }) };
}

describe('onboarding checklist on the dashboard (R1.6)', () => {
  it('a new account: upload the documents, register a card; the number comes after', async () => {
    render(
      onboarding('applied', [
        emailDone,
        { key: 'identity_documents', status: 'todo', action: 'upload_document', identityStatus: 'missing' },
        { key: 'card_registered', status: 'todo', action: 'register_card' },
        { key: 'number_issued', status: 'todo', action: 'complete_previous_steps' },
      ]),
    );
    const list = await screen.findByTestId('onboarding-checklist');
    expect(screen.getByRole('heading', { name: 'ご利用開始までの手続き' })).toBeInTheDocument();
    expect(screen.getByText('1 / 4 完了')).toBeInTheDocument();
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.dataset.testid)).toEqual([
      'step-email_confirmed',
      'step-identity_documents',
      'step-card_registered',
      'step-number_issued',
    ]);

    const email = screen.getByTestId('step-email_confirmed');
    expect(email).toHaveTextContent('メールアドレスの確認');
    expect(email).toHaveTextContent('完了');
    expect(within(email).queryByRole('link')).not.toBeInTheDocument();

    const identity = screen.getByTestId('step-identity_documents');
    expect(identity).toHaveTextContent('未完了');
    expect(identity).toHaveTextContent('法令に基づき');
    expect(within(identity).getByRole('link', { name: '本人確認書類を提出する' })).toHaveAttribute(
      'href',
      '/documents',
    );

    const card = screen.getByTestId('step-card_registered');
    expect(within(card).getByRole('link', { name: 'クレジットカードを登録する' })).toHaveAttribute(
      'href',
      '/card',
    );

    const number = screen.getByTestId('step-number_issued');
    expect(number).toHaveTextContent('上の手続きが終わると発行の準備に入ります。');
    expect(within(number).queryByRole('link')).not.toBeInTheDocument();
  });

  it('documents waiting for review and a card registered', async () => {
    render(
      onboarding('verifying', [
        emailDone,
        {
          key: 'identity_documents',
          status: 'waiting',
          action: 'wait_for_review',
          identityStatus: 'pending',
        },
        { key: 'card_registered', status: 'done', action: null },
        { key: 'number_issued', status: 'todo', action: 'complete_previous_steps' },
      ]),
      'verifying',
    );
    const identity = await screen.findByTestId('step-identity_documents');
    expect(identity).toHaveTextContent('確認待ち');
    expect(identity).toHaveTextContent('提出された書類を確認しています');
    expect(within(identity).queryByRole('link')).not.toBeInTheDocument();
    const card = screen.getByTestId('step-card_registered');
    expect(card).toHaveTextContent('完了');
    expect(within(card).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByText('2 / 4 完了')).toBeInTheDocument();
  });

  it('a rejected document shows the reason and the way to submit again', async () => {
    render(
      onboarding('applied', [
        emailDone,
        {
          key: 'identity_documents',
          status: 'rejected',
          action: 'reupload_document',
          identityStatus: 'rejected',
          rejectionReason: '有効期限が切れています',
        },
        { key: 'card_registered', status: 'done', action: null },
        { key: 'number_issued', status: 'todo', action: 'complete_previous_steps' },
      ]),
    );
    const identity = await screen.findByTestId('step-identity_documents');
    expect(identity).toHaveTextContent('再提出が必要です');
    expect(within(identity).getByRole('alert')).toHaveTextContent('差し戻しの理由：有効期限が切れています');
    expect(within(identity).getByRole('link', { name: '書類を提出し直す' })).toHaveAttribute(
      'href',
      '/documents',
    );
  });

  it('ready for a number: everything done but the number, which we are preparing', async () => {
    render(
      onboarding('ready_for_number', [
        emailDone,
        { key: 'identity_documents', status: 'done', action: null, identityStatus: 'approved' },
        { key: 'card_registered', status: 'done', action: null },
        { key: 'number_issued', status: 'waiting', action: 'wait_for_number' },
      ]),
      'ready_for_number',
    );
    const number = await screen.findByTestId('step-number_issued');
    expect(number).toHaveTextContent('確認待ち');
    expect(number).toHaveTextContent('電話番号の発行をお待ちください。');
    expect(screen.getByText('3 / 4 完了')).toBeInTheDocument();
  });

  it('once active: a short "in service" note with the number and its page instead of the list', async () => {
    render(
      onboarding(
        'active',
        [
          emailDone,
          { key: 'identity_documents', status: 'done', action: null, identityStatus: 'approved' },
          { key: 'card_registered', status: 'done', action: null },
          { key: 'number_issued', status: 'done', action: null, number: '03-1234-5678' },
        ],
        true,
      ),
      'active',
    );
    const note = await screen.findByTestId('onboarding-active');
    expect(note).toHaveTextContent('お手続きはすべて完了しています。ご利用番号は 03-1234-5678 です。');
    expect(within(note).getByRole('link', { name: '番号と使い方を見る' })).toHaveAttribute('href', '/number');
    expect(screen.queryByTestId('onboarding-checklist')).not.toBeInTheDocument();
  });

  it('shows nothing for a cancelled account', async () => {
    render(onboarding('cancelled', [emailDone], true), 'cancelled');
    expect(await screen.findByTestId('welcome')).toBeInTheDocument();
    await screen.findByTestId('account-summary');
    expect(screen.queryByTestId('onboarding-checklist')).not.toBeInTheDocument();
    expect(screen.queryByTestId('onboarding-active')).not.toBeInTheDocument();
  });

  it('says so when the checklist cannot be loaded', async () => {
    render(() => problem(404, 'NOT_FOUND'));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByTestId('account-summary')).toBeInTheDocument();
  });

  it('speaks English too', async () => {
    render(
      onboarding('applied', [
        emailDone,
        {
          key: 'identity_documents',
          status: 'rejected',
          action: 'reupload_document',
          identityStatus: 'rejected',
          rejectionReason: 'blurred',
        },
        { key: 'card_registered', status: 'todo', action: 'register_card' },
        { key: 'number_issued', status: 'todo', action: 'complete_previous_steps' },
      ]),
      'applied',
      'en',
    );
    const identity = await screen.findByTestId('step-identity_documents');
    expect(identity).toHaveTextContent('Why it was returned: blurred');
    expect(screen.getByRole('link', { name: 'Register a credit card' })).toHaveAttribute('href', '/card');
  });
});
