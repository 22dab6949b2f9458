import {
  activeCustomer,
  appUrls,
  expect,
  logIn,
  openReceptionAllDay,
  recordCallbackInquiry,
  saveScreenshot,
  staff,
  test,
} from './support';

// A call from ring to done (R3.3, R3.4, R4.1, R4.3): a caller rings the active demo customer's
// number through the Twilio fake, the available operator answers on the desk and records a
// 折り返し必要 inquiry; the customer sees it on the dashboard, marks it 対応済み and sees it greyed.

const web = () => appUrls().web;
const customer = activeCustomer;

test('a call answered on the desk is recorded as 折り返し必要, and handled by the customer', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await openReceptionAllDay();
  const callerName = `小林 ${Date.now().toString(36)}`;

  // 1–2. A caller rings the customer's number; the operator answers on the desk (the screen pop
  // shows the customer), hangs up and records a 折り返し必要 inquiry in wrap-up.
  const desk = await logIn(browser, appUrls().console, staff.operator);
  await recordCallbackInquiry(desk, callerName);
  await saveScreenshot(desk, 'console-inquiry-recorded');

  // 3. The customer sees it among the unhandled inquiries on the dashboard …
  const home = await logIn(browser, web(), customer);
  const unhandled = home.getByRole('region', { name: '未対応のお問い合わせ' });
  await expect(unhandled).toContainText(callerName);
  await expect(unhandled).toContainText('折り返し要');
  await unhandled.getByRole('link', { name: new RegExp(callerName) }).click();

  // 4. … marks it 対応済み on the detail page …
  await home.getByRole('radio', { name: '対応済み' }).check();
  await home.getByRole('button', { name: '対応状況を更新' }).click();
  await expect(home.getByText('対応状況を更新しました。')).toBeVisible();

  // 5. … and sees it greyed out in the list, gone from the dashboard's unhandled ones.
  await home.goto(`${web()}/inquiries`);
  const row = home.getByRole('row').filter({ hasText: callerName });
  await expect(row).toHaveClass(/inquiry-row--handled/);
  await expect(row).toContainText('対応済み');
  await saveScreenshot(home, 'web-inquiries');
  await home.goto(web());
  await expect(home.getByRole('region', { name: '未対応のお問い合わせ' })).not.toContainText(callerName);
});
