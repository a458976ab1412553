/**
 * The back office's working tools end to end (issue 6): the queue's «SLA под угрозой» switch,
 * the dashboard's charts, the Sintez acceptance act issued from a ticket page (SIN-9), and
 * the outbound mail log, where a letter the relay never took shows as failed and goes out
 * once the relay is back and the agent sends it again. The built admin UI served by the
 * real server, in Debian's Chromium through playwright-core, on the manual clock.
 *
 * The server is told of an SMTP relay on a port nobody listens on, and tries each letter
 * once: every letter fails with ECONNREFUSED until the last test brings a relay up there.
 *
 * Needs `npm run build` and `apt-get install -y chromium` (it fails, never skips, without
 * them). Screenshots go to test/artifacts/e2e/; a few are refreshed in docs/screenshots/ with
 * UPDATE_SCREENSHOTS=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, repoRoot, startTestServer, type TestServer } from '../support/test-server.js';
import { freePort, startSink, type Sink } from '../mail/sink.js';
import * as e2e from './browser.js';
import { eventually, fillSignIn, keepFailure, launchBrowser, screenshot, signInButton, watchPage } from './browser.js';

const ADMIN_INDEX = path.join(repoRoot, 'admin', 'dist', 'index.html');
const missing = e2e.missingPrerequisite('admin UI', ADMIN_INDEX, path.join(repoRoot, 'admin', 'src'));

let t: TestServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let relayPort = 0;
let relay: Sink | undefined;
/** What went wrong in the page: uncaught exceptions, console errors, GraphQL errors. */
const pageProblems: string[] = [];

beforeAll(async () => {
  if (missing) return;
  fs.mkdirSync(e2e.ARTIFACTS, { recursive: true });
  relayPort = await freePort();
  const env = { SMTP_OUTBOUND_URL: `smtp://127.0.0.1:${relayPort}`, OUTBOX_MAX_ATTEMPTS: '1', OUTBOX_INTERVAL_MS: '100' };
  await Promise.all([startTestServer(env).then((server) => (t = server)), launchBrowser().then((b) => (browser = b))]);
  context = await browser!.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Tomsk' });
  page = await context.newPage();
  watchPage(page, pageProblems);
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await t?.stop();
  await relay?.stop();
});

const onFailure = () => keepFailure('work-failure', () => page, pageProblems);

interface TicketRow {
  id: string;
  number: string;
}
const createTicket = (input: Record<string, unknown>) => e2e.createTicket<TicketRow>(t!, 'id number', input);
const advanceClock = (by: string) => t!.admin.data(`mutation($by: String!) { advanceClock(by: $by) }`, { by });
const send = (id: string, type: string, data?: Record<string, unknown>) =>
  t!.admin.data(`mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id } }`, { id, type, data });

const rowOf = (number: string) => page.getByRole('row').filter({ hasText: number });
/** The queue's ticket numbers on screen, sorted (the number is each row's first cell). */
const listedNumbers = async () =>
  (await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.textContent ?? ''))).sort();
/**
 * Reads the page's list again with react-admin's refresh button: a reload would cut off the
 * GraphQL requests the live updates are making, which the problem list would count.
 */
async function refresh(): Promise<void> {
  await page.getByRole('button', { name: 'Обновить' }).click();
  await page.waitForLoadState('networkidle');
}

/** The colour of the ticket's reaction clock on its countdown chip. */
const reactionTone = (number: string) => rowOf(number).locator('[data-deadline="reaction"]').getAttribute('data-tone');

describe('back office: at-risk queue, dashboard, acts and failed mail', () => {
  let urgent: TicketRow;
  let routine: TicketRow;
  let tomsk: TicketRow;

  it('the «SLA под угрозой» switch narrows the queue to amber and red clocks, on the server clock', async () => {
    if (missing) throw new Error(missing);
    onFailure();
    // Monday 06:00 in Moscow. RusBITech's reaction clock: 4 hours round the clock for high
    // criticality (due 10:00, amber at once), 4 working hours otherwise (due 14:00). Tomsk's
    // regulation sets no clock.
    urgent = await createTicket({ tenantId: 'rusbitech', channel: 'email', priority: 'high', subject: 'Не запускается ПТКА', from: 'ops@example.org' });
    routine = await createTicket({ tenantId: 'rusbitech', channel: 'email', priority: 'normal', subject: 'Вопрос по отчёту', from: 'ops@example.org' });
    tomsk = await createTicket({ tenantId: 'tomsk', channel: 'email', subject: 'Вопрос по кассовому плану', from: 'kassa@example.org' });
    await fillSignIn(page, t!.url, adminEmail, adminPassword);
    await signInButton(page).click();
    await rowOf(tomsk.number).waitFor();
    await eventually(() => reactionTone(urgent.number)).toBe('warning');
    expect(await reactionTone(routine.number)).toBe('success');

    const atRisk = page.getByLabel('SLA под угрозой');
    await atRisk.check();
    await eventually(listedNumbers).toEqual([urgent.number]);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'work-01-at-risk', 'tickets-at-risk');

    // 10:30: the urgent clock is breached (red), the routine one has 3½ hours left (amber).
    await advanceClock('PT4H30M');
    await refresh();
    await eventually(listedNumbers).toEqual([urgent.number, routine.number].sort());
    await eventually(() => reactionTone(urgent.number)).toBe('error');
    expect(await reactionTone(routine.number)).toBe('warning');
    await screenshot(page, 'work-02-at-risk-later');

    await atRisk.uncheck();
    await rowOf(tomsk.number).waitFor();
    expect(pageProblems).toEqual([]);
  });

  it('draws the dashboard as charts: one bar per desk, the week of each desk, the target band', async () => {
    if (missing) throw new Error(missing);
    onFailure();
    // A Tomsk ticket solved after 4½ working hours, for the processing-time chart.
    await send(tomsk.id, 'TAKE');
    await send(tomsk.id, 'RESOLVE', { solution: 'Ответ направлен' });
    const { tenants } = await t!.admin.data<{ tenants: Array<{ id: string; title: string }> }>(`{ tenants { id title } }`);
    const { slaBreaches } = await t!.admin.data<{ slaBreaches: { total: number } }>(`{ slaBreaches(tenantId: "rusbitech") { total } }`);
    expect(slaBreaches.total).toBe(1);

    await page.goto(`${t!.url}/#/dashboard`);
    const chart = (id: string) => page.locator(`[data-chart="${id}"]`);
    for (const id of ['open-tickets', 'sla-breaches', 'processing-time']) await chart(id).locator('.recharts-wrapper > svg').waitFor();
    await eventually(() => page.locator('tr[data-tenant="rusbitech"] td[data-figure="breaches"]').textContent()).toMatch(/^1 /);

    // Every desk on each chart's axis, and one breaches bar per desk (even at zero).
    const ticks = chart('sla-breaches').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
    // (A chart draws once it knows its width, a moment after its frame.)
    await eventually(() => ticks.count()).toBe(tenants.length);
    await eventually(() => chart('sla-breaches').locator('.recharts-bar-rectangle').count()).toBe(tenants.length);
    await eventually(() => chart('open-tickets').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').count()).toBe(tenants.length);
    // RusBITech's one breach makes the tallest bar.
    const labels = await ticks.allTextContents();
    const heights = await chart('sla-breaches')
      .locator('.recharts-bar-rectangle path')
      .evaluateAll((bars) => bars.map((bar) => (bar as SVGGraphicsElement).getBBox().height));
    const rusbitech = labels.findIndex((label) => tenants.find((x) => x.id === 'rusbitech')!.title.startsWith(label));
    expect(heights[rusbitech]).toBe(Math.max(...heights));
    expect(heights.filter((h) => h === heights[rusbitech])).toHaveLength(1);
    // The week, Monday to Sunday in each desk's zone.
    expect(await page.locator('[data-week="rusbitech"]').textContent()).toContain('23.11.2026 – 29.11.2026 (Europe/Moscow)');
    expect(await page.locator('[data-week="sintez"]').textContent()).toContain('(+06:00)');

    // The target band and Tomsk's bar, the figure also in the table screen readers get.
    await chart('processing-time').locator('.recharts-reference-area').waitFor();
    expect(await chart('processing-time').textContent()).toContain('цель 2–3');
    const tomskAverage = await page.locator('tr[data-tenant="tomsk"] td[data-figure="average"]').textContent();
    expect(tomskAverage).toMatch(/^0\.\d$/);
    expect(await chart('processing-time').locator('.recharts-label-list').textContent()).toContain(tomskAverage);
    await page.waitForLoadState('networkidle');
    await page.mouse.move(0, 0); // no tooltip in the picture
    await screenshot(page, 'work-03-dashboard', 'dashboard');

    // A click on a segment opens the desk's tickets of that status: RusBITech's two open ones.
    const segments = chart('open-tickets').locator('.recharts-bar-rectangle path');
    const tallest = await segments.evaluateAll((bars) => {
      const heights = bars.map((bar) => (bar as SVGGraphicsElement).getBBox().height);
      return heights.indexOf(Math.max(...heights));
    });
    await segments.nth(tallest).click();
    await page.waitForURL(/#\/tickets\?filter=/);
    await eventually(listedNumbers).toEqual([urgent.number, routine.number].sort());
    expect(pageProblems).toEqual([]);
  });

  it('issues a Sintez acceptance act from the ticket page and shows it there (SIN-9)', async () => {
    if (missing) throw new Error(missing);
    onFailure();
    const ticket = await createTicket({
      tenantId: 'sintez',
      channel: 'email',
      kind: 'change',
      subject: 'Обновить раздел «Новости»',
      from: 'editor@example.org',
      fields: { section: 'Новости', description: 'Заменить баннер на главной странице раздела', email: 'editor@example.org' },
    });
    await send(ticket.id, 'TAKE');
    await page.goto(`${t!.url}/#/tickets/${encodeURIComponent(ticket.id)}/show`);
    await page.getByRole('button', { name: 'Выставить акт сдачи-приёмки' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Что сделать' }).fill('Заменён баннер раздела «Новости»');
    await screenshot(page, 'work-04-act-dialog');
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Событие «Выставить акт сдачи-приёмки» применено').waitFor();

    const { ticket: issued } = await t!.admin.data<{ ticket: { acts: Array<{ number: string; status: string; items: Array<{ what: string }> }> } }>(
      `query($id: ID!) { ticket(id: $id) { acts { number status items { what } } } }`,
      { id: ticket.id },
    );
    expect(issued.acts).toHaveLength(1);
    expect(issued.acts[0]).toMatchObject({ status: 'issued', items: [{ what: 'Заменён баннер раздела «Новости»' }] });
    const acts = page.locator('[data-section="acts"]');
    await acts.getByText(issued.acts[0]!.number).waitFor();
    expect(await acts.textContent()).toContain('Выставлен');
    expect(await acts.textContent()).toContain('Заменён баннер раздела «Новости»');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'work-05-act-issued', 'ticket-act');
    expect(pageProblems).toEqual([]);
  });

  it('shows the act letter as failed while the relay is down, and sends it again once it is up', async () => {
    if (missing) throw new Error(missing);
    onFailure();
    await page.goto(`${t!.url}/#/outbound?filter=${encodeURIComponent(JSON.stringify({ q: 'Акт сдачи-приёмки' }))}`);
    const letter = page.getByRole('row').filter({ hasText: 'Акт сдачи-приёмки работ' });
    // The outbox worker tries within a tenth of a second; the list shows what it found.
    await page.getByRole('columnheader', { name: 'Доставка' }).waitFor();
    // Room for a loaded machine: each try refreshes the list, which waits for its answer.
    await eventually(async () => {
      await refresh();
      return letter.getByText('Не доставлено').count();
    }, 20_000).toBe(1);
    expect(await letter.textContent()).toContain('ECONNREFUSED');
    await screenshot(page, 'work-06-outbound-failed', 'outbound-failed');

    relay = await startSink({ port: relayPort });
    await letter.getByRole('button', { name: 'Отправить снова' }).click();
    await page.getByText('Письмо снова поставлено в очередь').waitFor();
    await eventually(() => relay!.messages.filter((m) => m.parsed.subject?.includes('Акт сдачи-приёмки работ')).length).toBe(1);
    expect(relay.messages[0]!.rcptTo).toEqual(['editor@example.org']);
    await eventually(async () => {
      await refresh();
      return letter.getByText('Отправлено').count();
    }).toBe(1);
    expect(await letter.getByRole('button', { name: 'Отправить снова' }).count()).toBe(0);
    await screenshot(page, 'work-07-outbound-resent');
    expect(pageProblems).toEqual([]);
  });
});
