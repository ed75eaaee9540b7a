import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AlertPage } from './pages/AlertPage';
import { FraudQueuePage } from './pages/FraudQueuePage';
import { api, ok } from './support/api';
import { openBankFile } from './support/bank-db';
import { saveScreenshot } from './support/screenshot';
import { copyTemplate, spawnServe, stopChild, templateDir, type E2eServer } from './support/server';

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

interface Detail {
  timeline: { journalId: number; flagged: boolean; confirmedFraud: boolean }[];
}
interface CaseDetailLite {
  case: { id: number; owner: string | null };
  cards: { id: number; status: string; blockedBy: string | null }[];
  transfers: { journalId: number; state: string; reversalReference: string | null; recalledBy: string | null }[];
  contacts: { spokeWith: string; outcome: string; recordedBy: string }[];
  timeline: { kind: string; actor: string }[];
}

interface Subject {
  accountId: number;
  customerId: number;
  cardId: number;
  alertIds: number[];
}

/**
 * Two open alerts on one account (a mule account the scan flagged more than once), read from the
 * bank file before the server opens it; the customer is given an active debit card when they hold
 * none (the demo's alerted customers seldom do), as the card system would have issued it.
 */
function prepareBank(bankFile: string): Subject {
  const db = openBankFile(bankFile, false);
  try {
    const row = db
      .prepare(
        `SELECT f.account_id AS accountId, f.customer_id AS customerId, count(*) AS n FROM fraud_alerts f JOIN accounts a ON a.id = f.account_id
         WHERE f.status = 'new' AND f.customer_id IS NOT NULL AND a.status = 'open' AND a.balance > 50000
         GROUP BY f.account_id, f.customer_id HAVING count(*) >= 2 ORDER BY n DESC, f.account_id LIMIT 1`,
      )
      .get() as { accountId: number; customerId: number } | undefined;
    if (!row) throw new Error('no account with two open alerts in the demo bank');
    const alertIds = (db.prepare("SELECT id FROM fraud_alerts WHERE account_id = ? AND status = 'new' ORDER BY txn_count DESC, id").all(row.accountId) as { id: number }[]).map(
      (r) => Number(r.id),
    );
    const found = db.prepare("SELECT id FROM cards WHERE customer_id = ? AND status = 'active' ORDER BY id LIMIT 1").get(row.customerId) as { id: number } | undefined;
    const now = Date.now();
    const cardId = found
      ? Number(found.id)
      : Number(
          db
            .prepare("INSERT INTO cards (account_id, customer_id, type, pan_last4, issued_at, status, updated_at) VALUES (?, ?, 'debit_classic', '4417', ?, 'active', ?)")
            .run(row.accountId, row.customerId, now - 200 * 86_400_000, now).lastInsertRowid,
        );
    return { accountId: Number(row.accountId), customerId: Number(row.customerId), cardId, alertIds: alertIds.slice(0, 2) };
  } finally {
    db.close();
  }
}

let subject: Subject | null = null;

/** This test's server over a copy of the template prepared before it starts (no second writer on a live bank). */
const caseTest = test.extend<{ server: E2eServer }>({
  server: async ({}, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-case-'));
    copyTemplate(templateDir(), dataDir);
    subject = prepareBank(join(dataDir, 'bank.sqlite'));
    const { child, ready, output } = spawnServe(dataDir, ['--idle-minutes', '15']);
    try {
      const u = new URL(await ready);
      await use({
        url: u.origin,
        openUrl: u.toString(),
        launchToken: u.searchParams.get('token') ?? '',
        dataDir,
        bankFile: join(dataDir, 'bank.sqlite'),
        output,
        stop: async () => undefined,
      });
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('cloudbank-serve output', { body: output(), contentType: 'text/plain' });
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

/**
 * Issue 16 acceptance: an analyst groups two alerts on one account into a case, confirms fraud on the
 * selected transaction only (with a comment), blocks the card, recalls a pending outgoing transfer
 * (the balance comes back, the journal reverses it) and records the customer's call; the case
 * timeline shows each step and the audit log each action by the analyst.
 */
caseTest(
  'an analyst works a case: group, confirm the selected, block the card, recall a pending transfer, record the call',
  async ({ app, server, request, openAnotherApp }, testInfo) => {
    test.setTimeout(360_000);
    const { page } = app;
    await app.signInAs('analyst');
    const token = await app.sessionToken();

    if (!subject) throw new Error('the bank was not prepared');
    const { accountId, cardId } = subject;
    const [main, second] = subject.alertIds.map((id) => ({ id }));
    if (!main || !second) throw new Error('need two alerts');

    // A transfer abroad the customer did not make, still waiting for settlement (a teller booked it at the branch).
    const teller = await ok<{ token: string }>(api(request, server, '', 'auth.signIn', { username: 'teller', password: 'cloudbank-demo' }));
    const account = await ok<{ balance: number; currency: string }>(api(request, server, token, 'accounts.get', { id: accountId }));
    const sent = await ok<{ journalId: number; reference: string; status: string; amount: number }>(
      api(request, server, teller.token, 'ops.submit', {
        operation: {
          kind: 'external_transfer',
          fromAccountId: accountId,
          beneficiaryIban: 'DE89 3704 0044 0532 0130 00',
          beneficiaryName: 'Max Mule',
          amount: '120.00',
          currency: account.currency,
          description: 'Invoice 5531',
        },
        idempotencyKey: `e2e-case-transfer-${Date.now()}`,
      }),
    );
    expect(sent.status).toBe('pending');
    const balanceOf = async () => (await ok<{ balance: number }>(api(request, server, token, 'accounts.get', { id: accountId }))).balance;
    const afterSend = await balanceOf();
    expect(afterSend).toBe(account.balance - 12_000);

    // 1. Group the two alerts into a case from the queue.
    const queue = new FraudQueuePage(page);
    await queue.open();
    for (const a of [main, second]) await queue.row(a.id).getByRole('checkbox').check();
    await expect(queue.bulkBar).toContainText('2 selected');
    await page.getByTestId('bulk-case').click();
    const caseScreen = page.getByTestId('case-screen');
    await expect(caseScreen).toBeVisible();
    const caseId = Number(await caseScreen.getAttribute('data-case-id'));
    await expect(page.getByTestId('case-alert')).toHaveCount(2);
    await expect(page.getByTestId('case-owner')).toContainText('Owner: analyst');

    // 2. Confirm fraud on the selected transaction only, with a comment.
    await page.locator(`[data-testid="case-alert"][data-alert-id="${main.id}"]`).getByTestId('case-alert-open').click();
    const alert = new AlertPage(page);
    await alert.waitLoaded(main.id);
    await expect(page.getByTestId('alert-case-link')).toHaveText(`case #${caseId}`);
    const detail = await ok<Detail>(api(request, server, token, 'alerts.get', { id: main.id }));
    const flagged = detail.timeline.filter((t) => t.flagged && !t.confirmedFraud).map((t) => t.journalId);
    const table = page.getByTestId('flagged-transactions');
    await table.getByTestId('flagged-select-none').click();
    const keep = flagged[0] as number;
    await table.locator(`[data-testid="flagged-row"][data-journal-id="${keep}"]`).getByTestId('flagged-pick').check();
    await alert.openConfirm();
    await alert.confirmSubmit.click();
    await expect(alert.confirmModal.getByText('Say what you found (at least 5 characters)')).toBeVisible();
    await alert.confirmComment.fill('The customer did not make this payment.');
    await alert.confirmSubmit.click();
    await expect(alert.confirmResult).toContainText('1 transaction marked as fraud');
    await alert.closeConfirmResult();
    const confirmed = await ok<Detail>(api(request, server, token, 'alerts.get', { id: main.id }));
    expect(confirmed.timeline.filter((t) => t.confirmedFraud).map((t) => t.journalId)).toEqual([keep]);
    await page.getByTestId('alert-case-link').click();
    await expect(caseScreen).toBeVisible();

    // 3. Block the card.
    const card = page.locator(`[data-testid="case-card"][data-card-id="${cardId}"]`);
    await card.getByTestId('block-card').click();
    await page.getByTestId('block-card-modal-reason').fill('Card details used by someone else');
    await page.getByTestId('block-card-modal-submit').click();
    await expect(card).toHaveAttribute('data-status', 'blocked');
    await expect(card).toContainText('by analyst');

    // 4. Recall the pending transfer: the money comes back, a reversing journal is posted.
    const transfer = page.locator(`[data-testid="case-transfer"][data-journal-id="${sent.journalId}"]`);
    await expect(transfer).toHaveAttribute('data-state', 'pending');
    await transfer.getByTestId('recall-transfer').click();
    await expect(page.getByTestId('recall-modal')).toContainText('120.00');
    await page.getByTestId('recall-modal-reason').fill('Customer did not send it; stopped before settlement');
    await page.getByTestId('recall-modal-submit').click();
    await expect(transfer).toHaveAttribute('data-state', 'recalled');
    await expect(transfer).toContainText('reversed by OP-');
    expect(await balanceOf()).toBe(account.balance);
    const after = await ok<CaseDetailLite>(api(request, server, token, 'cases.get', { id: caseId }));
    const recalled = after.transfers.find((t) => t.journalId === sent.journalId);
    expect(recalled).toMatchObject({ state: 'recalled', recalledBy: 'analyst' });
    const reversal = await ok<{ journalId: number; amount: number; accountId: number | null; status: string }[]>(
      api(request, server, token, 'transactions.find', { reference: recalled?.reversalReference ?? '' }),
    );
    expect(reversal.map((r) => [r.amount, r.accountId, r.status])).toEqual([[12_000, accountId, 'posted']]);

    // 5. Record the customer's call.
    await page.getByTestId('record-contact').click();
    await page.getByTestId('contact-spoke-with').fill('The account holder');
    await page.getByTestId('contact-summary').fill('Confirmed they made neither the payment nor the transfer; card kept at home.');
    await page.getByTestId('contact-submit').click();
    await expect(page.getByTestId('contact-modal')).toBeHidden();

    // The timeline shows each step, by the analyst.
    const events = page.getByTestId('case-event');
    const kinds = ['case.created', 'alert.confirmed', 'card.blocked', 'transfer.recalled', 'customer.contact'];
    await expect(events).toHaveCount(kinds.length);
    for (const [i, kind] of kinds.entries()) {
      await expect(events.nth(i)).toHaveAttribute('data-kind', kind);
      await expect(events.nth(i).getByTestId('case-event-meta')).toContainText('analyst');
    }
    await expect(events.nth(3)).toContainText(sent.reference);
    await saveScreenshot(page, testInfo, 'issue16-case-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect(events).toHaveCount(kinds.length);
    await saveScreenshot(page, testInfo, 'issue16-case-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The queue lists the open case; it leads back to it.
    await page.getByTestId('back-to-queue').click();
    await queue.waitLoaded();
    await page.getByTestId('open-cases').getByText(`#${caseId} (2)`).click();
    await expect(caseScreen).toHaveAttribute('data-case-id', String(caseId));

    // The audit log shows each action by the analyst.
    const auditor = await openAnotherApp({ locale: 'en-US', timezoneId: 'Europe/Prague' });
    await auditor.signInAs('auditor');
    await auditor.shell.goTo('audit');
    for (const action of ['fraud.case_created', 'fraud.confirm', 'card.block', 'transfer.recall', 'customer.contact']) {
      await expect(auditor.audit.entries(action, 'analyst').first()).toBeVisible();
    }
    await saveScreenshot(auditor.page, testInfo, 'issue16-case-audit');
  },
);
