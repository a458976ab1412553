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

/** A file under `dir` changed after `since` (ms), if any: a stale build would test old code. */
function sourcesNewerThan(dir: string, since: number): string | null {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const found = entry.isDirectory() ? sourcesNewerThan(file, since) : fs.statSync(file).mtimeMs > since ? file : null;
    if (found) return found;
  }
  return null;
}

/** What is missing to run this test, if anything. Reported as the test's failure, not a skip. */
function missingPrerequisite(): string | null {
  if (!fs.existsSync(ADMIN_INDEX)) {
    return `The admin UI is not built (${ADMIN_INDEX} is missing): run \`npm run build\` before this test.`;
  }
  const built = fs.statSync(ADMIN_INDEX).mtimeMs;
  const newer = sourcesNewerThan(path.join(repoRoot, 'admin', 'src'), built);
  if (newer) {
    return `The admin UI in admin/dist is older than ${path.relative(repoRoot, newer)}: run \`npm run build\` again.`;
  }
  if (!fs.existsSync(CHROMIUM)) {
    return (
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\` ` +
      '(or set CHROMIUM_PATH to a Chromium binary). This test does not skip without it.'
    );
  }
  return null;
}
const missing = missingPrerequisite();

let t: TestServer | undefined;
let userDataDir: string | undefined;
let context: BrowserContext | undefined;
let page: Page;
/** What went wrong in the page: uncaught exceptions, console errors, GraphQL errors. */
const pageProblems: string[] = [];

beforeAll(async () => {
  // Left to the test to fail with the reason: a failing beforeAll would show it as skipped.
  if (missing) return;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglament-e2e-chromium-'));
  // Started side by side; each is kept as soon as it is up so afterAll stops it even if
  // the other fails.
  await Promise.all([
    startTestServer().then((server) => (t = server)),
    chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      // An English browser: the back office is Russian first whatever the browser says.
      locale: 'en-US',
      timezoneId: 'Asia/Tomsk',
    }).then((browser) => (context = browser)),
  ]);
  page = context!.pages()[0] ?? (await context!.newPage());
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
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
});

/**
 * The whole page to test/artifacts/e2e/<name>.png; with UPDATE_SCREENSHOTS=1 also to
 * docs/screenshots/<docsName>.png (opt-in, so a test run leaves the work tree clean).
 */
async function screenshot(name: string, docsName?: string): Promise<void> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (docsName && process.env.UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS_SCREENSHOTS, `${docsName}.png`));
  }
}

/** expect.poll with room for a slow machine (its default gives up after 1 s). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

interface TicketRow {
  id: string;
  number: string;
  state: string;
  statusCategory: string;
  version: number;
  history: Array<{ event: string; fromState: string | null; toState: string; actor: string }>;
}
const ticketFields = 'id number state statusCategory version history { event fromState toState actor }';

async function createTicket(server: TestServer, input: Record<string, unknown>): Promise<TicketRow> {
  const { createTicket: ticket } = await server.admin.data<{ createTicket: TicketRow }>(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${ticketFields} } }`,
    { i: input },
  );
  return ticket;
}

async function readTicket(server: TestServer, id: string): Promise<TicketRow> {
  const { ticket } = await server.admin.data<{ ticket: TicketRow }>(`query($id: ID!) { ticket(id: $id) { ${ticketFields} } }`, { id });
  return ticket;
}

describe('back office', () => {
  it('signs an admin in, lists a mailed ticket, takes it into work and resolves it', async () => {
    if (missing) throw new Error(missing);
    // A failure leaves the page as it was and says what the page ran into.
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(ARTIFACTS, 'failure.png'), fullPage: true }).catch(() => undefined);
      fs.writeFileSync(path.join(ARTIFACTS, 'failure.html'), await page.content().catch(() => ''));
      if (pageProblems.length) console.error(`The page ran into:\n${pageProblems.join('\n')}`);
    });
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
    await page.goto(server.url);
    await page.getByRole('textbox', { name: 'Эл. почта' }).fill(adminEmail);
    await page.getByRole('textbox', { name: 'Пароль' }).fill(adminPassword);
    await screenshot('01-login');
    await page.getByRole('button', { name: 'Войти' }).click();

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
    await page.getByRole('button', { name: 'Решить' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Подтвердить' });
    expect(await confirm.isDisabled()).toBe(true);
    const solution = 'Обновите справочник КБК и переформируйте отчёт.';
    await dialog.getByRole('textbox', { name: 'Решение' }).fill(solution);
    await eventually(() => confirm.isEnabled()).toBe(true);
    await screenshot('05-resolve-dialog');
    await confirm.click();
    await page.getByText('Событие «Решить» применено').waitFor();
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
