/**
 * The back office end to end: the built admin UI (admin/dist) served by the real server,
 * driven in Debian's Chromium through playwright-core. The admin signs in, finds a ticket
 * that came in by mail in the queue, opens it, takes it into work and resolves it (the
 * solution asked for in a dialog); after each click the API shows what it did. Any page
 * error, console error or GraphQL error the UI runs into fails the test.
 *
 * Needs `npm run build` (admin/dist) and `apt-get install -y chromium`; without either the
 * test fails and says so, it never skips. Screenshots of every step go to test/artifacts/;
 * the list and the ticket page are also refreshed in docs/screenshots/ with UPDATE_SCREENSHOTS=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, repoRoot, startTestServer, type TestServer } from '../support/test-server.js';
import * as e2e from './browser.js';
import { closeProfile, eventually, fillSignIn, keepFailure, launchProfile, signInButton, watchPage, type PersistentBrowser } from './browser.js';

const ADMIN_INDEX = path.join(repoRoot, 'admin', 'dist', 'index.html');
const missing = e2e.missingPrerequisite('admin UI', ADMIN_INDEX, path.join(repoRoot, 'admin', 'src'));

let t: TestServer | undefined;
let browser: PersistentBrowser | undefined;
let page: Page;
/** What went wrong in the page: uncaught exceptions, console errors, GraphQL errors. */
const pageProblems: string[] = [];

beforeAll(async () => {
  // Left to the test to fail with the reason: a failing beforeAll would show it as skipped.
  if (missing) return;
  fs.mkdirSync(e2e.ARTIFACTS, { recursive: true });
  // Started side by side; each is kept as soon as it is up so afterAll stops it even if
  // the other fails.
  await Promise.all([
    startTestServer().then((server) => (t = server)),
    launchProfile('reglament-e2e-chromium-', {
      viewport: { width: 1280, height: 800 },
      // An English browser: the back office is Russian first whatever the browser says.
      locale: 'en-US',
      timezoneId: 'Asia/Tomsk',
    }).then((launched) => (browser = launched)),
  ]);
  page = browser!.page;
  watchPage(page, pageProblems);
}, 60_000);

afterAll(async () => {
  await closeProfile(browser);
  await t?.stop();
});

const screenshot = (name: string, docsName?: string) => e2e.screenshot(page, name, docsName);

interface TicketRow {
  id: string;
  number: string;
  state: string;
  statusCategory: string;
  version: number;
  history: Array<{ event: string; fromState: string | null; toState: string; actor: string }>;
}
const ticketFields = 'id number state statusCategory version history { event fromState toState actor }';
const createTicket = (server: TestServer, input: Record<string, unknown>) => e2e.createTicket<TicketRow>(server, ticketFields, input);
const readTicket = (server: TestServer, id: string) => e2e.readTicket<TicketRow>(server, ticketFields, id);

describe('back office', () => {
  it('signs an admin in, lists a mailed ticket, takes it into work and resolves it', async () => {
    if (missing) throw new Error(missing);
    // A failure leaves the page as it was and says what the page ran into.
    keepFailure('failure', () => page, pageProblems);
    const server = t!;

    // The ticket under test came in by mail to Tomsk; two more make the queue look like one.
    const created = await createTicket(server, {
      tenantId: 'tomsk',
      channel: 'email',
      kind: 'consultation',
      subject: 'Томская область: не формируется отчёт о кассовом исполнении',
      from: 'ivanov@example.org',
      fields: { fullName: 'Иванов Иван Иванович', email: 'ivanov@example.org', organization: 'УФК по Томской области' },
    });
    expect(created).toMatchObject({ statusCategory: 'new', version: 1 });
    // Minutes apart, as mail and calls arrive: the queue (and the screenshot) has one order.
    const advanceClock = () => server.admin.data(`mutation { advanceClock(by: "PT7M") }`);
    await advanceClock();
    await createTicket(server, {
      tenantId: 'novosibirsk',
      channel: 'phone',
      subject: 'Не открывается форма заявки на кассовый расход',
      fields: { fullName: 'Петрова Анна Сергеевна', phone: '+7 383 200-00-00' },
    });
    await advanceClock();
    await createTicket(server, {
      tenantId: 'rusbitech',
      channel: 'email',
      kind: 'errors',
      priority: 'high',
      subject: 'Ошибка при подписании документа',
    });

    // Sign in.
    await fillSignIn(page, server.url, adminEmail, adminPassword);
    await screenshot('01-login');
    await signInButton(page).click();

    // The queue, in Russian, with the ticket in it and its status in words.
    const row = page.getByRole('row').filter({ hasText: created.number });
    await eventually(() => row.count()).toBe(1);
    await eventually(() => page.getByRole('row').count()).toBe(4);
    for (const header of ['Номер', 'Тема', 'Служба поддержки', 'Статус', 'Приоритет', 'Обновлена']) {
      expect(await page.getByRole('columnheader', { name: header }).count(), header).toBe(1);
    }
    expect(await row.locator('.MuiChip-root').textContent()).toBe('Новая');
    await page.waitForLoadState('networkidle');
    await screenshot('02-ticket-list', 'ticket-list');

    // The ticket page.
    await row.getByText(created.number).click();
    await page.waitForURL(`**/tickets/${encodeURIComponent(created.id)}/show`);
    const take = page.getByRole('button', { name: 'Взять в работу' });
    await take.waitFor();
    await page.getByText('Регистрация').waitFor(); // the history, in words
    await page.waitForLoadState('networkidle');
    await screenshot('03-ticket-show', 'ticket-show');

    // TAKE: the status becomes open («В работе») and TAKE is no longer offered.
    await take.click();
    await page.getByText('Событие «Взять в работу» применено').waitFor();
    await eventually(() => page.locator('.MuiChip-root').first().textContent()).toBe('В работе');
    await eventually(() => take.count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await screenshot('04-ticket-taken');

    // The API agrees: one more version, and TAKE by the admin in the history.
    const taken = await readTicket(server, created.id);
    expect(taken.statusCategory).toBe('open');
    expect(taken.version).toBe(created.version + 1);
    expect(taken.history.at(-1)).toMatchObject({ event: 'TAKE', fromState: created.state, actor: `admin:${adminEmail}` });

    // RESOLVE carries data: the button asks for the solution first.
    await page.getByRole('button', { name: 'Направить решение' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Подтвердить' });
    expect(await confirm.isDisabled()).toBe(true);
    const solution = 'Обновите справочник КБК и переформируйте отчёт.';
    await dialog.getByRole('textbox', { name: 'Решение' }).fill(solution);
    await eventually(() => confirm.isEnabled()).toBe(true);
    await screenshot('05-resolve-dialog');
    await confirm.click();
    await page.getByText('Событие «Направить решение» применено').waitFor();
    await eventually(() => page.locator('.MuiChip-root').first().textContent()).toBe('Решена');
    await page.waitForLoadState('networkidle');
    await screenshot('06-ticket-resolved');

    const resolved = await readTicket(server, created.id);
    expect(resolved.version).toBe(taken.version + 1);
    expect(resolved.history.at(-1)).toMatchObject({ event: 'RESOLVE', actor: `admin:${adminEmail}` });
    const { outboundMessages } = await server.admin.data<{ outboundMessages: Array<{ body: string }> }>(
      `query($id: ID!) { outboundMessages(ticketId: $id) { body } }`,
      { id: created.id },
    );
    expect(outboundMessages.at(-1)?.body).toContain(solution);

    expect(pageProblems).toEqual([]);
  });
});
