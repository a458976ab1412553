/**
 * The back office end to end: the built admin UI (admin/dist) served by the real server,
 * driven in Debian's Chromium through playwright-core. An agent signs in, finds a ticket
 * that came in by mail in the queue, opens it and takes it into work; the API then shows
 * what the click did.
 *
 * Needs `npm run build` (admin/dist) and `apt-get install -y chromium`; without either the
 * test fails and says so, it never skips. Screenshots of every step go to test/artifacts/;
 * the list and the ticket page are also refreshed in docs/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { adminEmail, adminPassword, repoRoot, startTestServer, type TestServer } from '../support/test-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ADMIN_INDEX = path.join(repoRoot, 'admin', 'dist', 'index.html');
const ARTIFACTS = path.join(repoRoot, 'test', 'artifacts', 'e2e');
const DOCS_SCREENSHOTS = path.join(repoRoot, 'docs', 'screenshots');

// The closed network here: without these Chromium waits on update and sync services.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function checkPrerequisites(): void {
  if (!fs.existsSync(ADMIN_INDEX)) {
    throw new Error(`The admin UI is not built (${ADMIN_INDEX} is missing): run \`npm run build\` before this test.`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary). This test does not skip without it.',
    );
  }
}

let t: TestServer | undefined;
let userDataDir: string | undefined;
let context: BrowserContext | undefined;
let page: Page;
/** What went wrong in the page: uncaught exceptions, console errors, GraphQL errors. */
const pageProblems: string[] = [];

beforeAll(async () => {
  checkPrerequisites();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglament-e2e-chromium-'));
  [t, context] = await Promise.all([
    startTestServer(),
    chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      locale: 'ru-RU',
      timezoneId: 'Asia/Tomsk',
    }),
  ]);
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`console error: ${message.text()}`);
  });
  page.on('response', async (response) => {
    if (!response.url().endsWith('/graphql') || response.request().method() !== 'POST') return;
    const operation = (response.request().postDataJSON() as { operationName?: string } | null)?.operationName;
    try {
      const body = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
      for (const error of body.errors ?? []) {
        pageProblems.push(`GraphQL error in ${operation ?? 'an operation'}: ${error.extensions?.code ?? '?'} ${error.message}`);
      }
    } catch {
      pageProblems.push(`GraphQL ${operation ?? 'operation'} answered ${response.status()} without JSON`);
    }
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await t?.stop();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

async function screenshot(name: string, docs = false): Promise<void> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (docs) {
    fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS_SCREENSHOTS, `${name}.png`));
  }
}

const ticketQuery = `query($id: ID!) { ticket(id: $id) { id state statusCategory version history { event fromState toState actor } } }`;

describe('back office', () => {
  it('signs an admin in, lists a mailed ticket, and takes it into work', async () => {
    // A failure leaves the page as it was and says what the page ran into.
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(ARTIFACTS, 'failure.png') }).catch(() => undefined);
      fs.writeFileSync(path.join(ARTIFACTS, 'failure.html'), await page.content().catch(() => ''));
      if (pageProblems.length) console.error(`The page ran into:\n${pageProblems.join('\n')}`);
    });
    const server = t!;
    const { createTicket: created } = await server.admin.data<{
      createTicket: { id: string; number: string; state: string; statusCategory: string; version: number };
    }>(
      `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id number state statusCategory version } }`,
      {
        i: {
          tenantId: 'tomsk',
          channel: 'email',
          kind: 'consultation',
          subject: 'Томская область: не формируется отчёт о кассовом исполнении',
          from: 'ivanov@example.org',
          fields: { fullName: 'Иванов Иван Иванович', email: 'ivanov@example.org', organization: 'УФК по Томской области' },
        },
      },
    );
    expect(created.statusCategory).toBe('new');

    // Sign in.
    await page.goto(server.url);
    await page.getByRole('textbox', { name: 'Эл. почта' }).fill(adminEmail);
    await page.getByRole('textbox', { name: 'Пароль' }).fill(adminPassword);
    await screenshot('01-login');
    await page.getByRole('button', { name: 'Войти' }).click();

    // The queue, in Russian, with the ticket in it.
    const row = page.getByRole('row').filter({ hasText: created.number });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByRole('columnheader', { name: 'Номер' }).count()).toBe(1);
    await expect.poll(() => row.getByText('Новая').count()).toBe(1);
    await page.waitForLoadState('networkidle');
    await screenshot('ticket-list', true);

    // The ticket page.
    await row.getByText(created.number).click();
    await page.waitForURL(`**/tickets/${encodeURIComponent(created.id)}/show`);
    const take = page.getByRole('button', { name: 'Взять в работу' });
    await take.waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot('ticket-show', true);

    // TAKE: the status becomes open («В работе»).
    await take.click();
    await page.getByText('Событие «Взять в работу» применено').waitFor();
    await expect.poll(() => page.getByText('В работе', { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => take.count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await screenshot('03-ticket-taken');

    // The API agrees: one more version, and TAKE by the admin in the history.
    const { ticket } = await server.admin.data<{
      ticket: { statusCategory: string; version: number; history: Array<{ event: string; actor: string }> };
    }>(ticketQuery, { id: created.id });
    expect(ticket.statusCategory).toBe('open');
    expect(ticket.version).toBe(created.version + 1);
    expect(ticket.history.at(-1)).toMatchObject({ event: 'TAKE', actor: `admin:${adminEmail}` });

    expect(pageProblems).toEqual([]);
  });
});
