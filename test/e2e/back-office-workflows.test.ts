/**
 * The workflow pages end to end (issue 6 §7), in Debian's Chromium against the real server:
 * the diagram of a desk's machine, the editor refusing a broken file with the line marked,
 * publishing a change as a new version with its diff, and a ticket's page showing its
 * current state highlighted on the diagram of the version it runs on.
 *
 * Needs `npm run build` and `apt-get install -y chromium` (fails, never skips, without them).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, repoRoot, startTestServer, type TestServer } from '../support/test-server.js';
import * as e2e from './browser.js';
import { eventually, fillSignIn, keepFailure, launchBrowser, screenshot, signInButton, watchPage } from './browser.js';
import { seriousViolations } from './accessibility.js';

const ADMIN_INDEX = path.join(repoRoot, 'admin', 'dist', 'index.html');
const missing = e2e.missingPrerequisite('admin UI', ADMIN_INDEX, path.join(repoRoot, 'admin', 'src'));

let t: TestServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageProblems: string[] = [];

beforeAll(async () => {
  if (missing) return;
  fs.mkdirSync(e2e.ARTIFACTS, { recursive: true });
  await Promise.all([startTestServer().then((server) => (t = server)), launchBrowser().then((b) => (browser = b))]);
  const context = await browser!.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'ru-RU', timezoneId: 'Europe/Berlin' });
  page = await context.newPage();
  watchPage(page, pageProblems);
  await fillSignIn(page, t!.url, adminEmail, adminPassword);
  await signInButton(page).click();
  // No tickets yet, so no queue columns: the admin's menu says the sign-in worked.
  await page.getByRole('menuitem', { name: 'Процессы' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const onFailure = () => keepFailure('workflows-failure', () => page, pageProblems);

interface Graph {
  states: Array<{ id: string; category: string }>;
}
async function graphOf(tenantId: string, version?: number): Promise<Graph> {
  const { workflowGraph } = await t!.admin.data<{ workflowGraph: Graph }>(
    `query($t: ID!, $v: Int) { workflowGraph(tenantId: $t, version: $v) { states { id category } } }`,
    { t: tenantId, v: version },
  );
  return workflowGraph;
}

/** The line (1-based) CodeMirror shows for the cursor's line: the editor's own numbering. */
const activeGutterLine = (p: Page) => p.locator('.cm-lineNumbers .cm-activeLineGutter').innerText();

describe('back office: workflows', () => {
  it('draws a desk\'s machine: every state in its status category, transitions labelled', async () => {
    if (missing) throw new Error(missing);
    onFailure();
    await page.getByRole('menuitem', { name: 'Процессы' }).click();
    await page.getByRole('row', { name: /Томск/ }).first().click();
    await page.locator('.react-flow__node-state').first().waitFor();
    const graph = await graphOf('tomsk');
    await eventually(() => page.locator('.react-flow__node-state').count()).toBe(graph.states.length);
    for (const state of graph.states) {
      expect(await page.locator(`.react-flow__node-state [data-state="${state.id}"]`).count(), state.id).toBe(1);
    }
    // TOM-6: the 2 business days after which a solved ticket closes label their arrow.
    await page.locator('.react-flow__edgelabel-renderer').getByText('⏱ 2 раб. дн.').waitFor();
    await page.locator('.react-flow__node-band').getByText('Решена', { exact: true }).waitFor();
    await screenshot(page, 'workflows-01-diagram', 'workflow-diagram');
    expect(pageProblems).toEqual([]);
  });

  it('refuses a broken file with the line marked, and publishes a valid change as a new version', async () => {
    onFailure();
    await page.getByRole('tab', { name: 'Файл процесса' }).click();
    const editor = page.locator('.workflow-editor .cm-content');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n  unknown_key: 1');
    const brokenLine = await activeGutterLine(page);
    await page.locator('.workflow-problems').waitFor();
    await page.locator('.workflow-problems').getByText(`Строка ${brokenLine},`).waitFor();
    await eventually(() => page.locator('.cm-lint-marker-error').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Опубликовать' }).isDisabled()).toBe(true);
    await screenshot(page, 'workflows-02-editor-error', 'workflow-editor');

    // Undo the broken line; add a comment instead: a valid change.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('# Опубликовано из редактора');
    await page.getByText('Ошибок нет: можно публиковать').waitFor();
    expect(await page.locator('.workflow-problems').count()).toBe(0);
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByText('Опубликована версия 2').waitFor();
    const { tenants } = await t!.admin.data<{ tenants: Array<{ id: string; workflowVersion: number }> }>(`{ tenants { id workflowVersion } }`);
    expect(tenants.find((x) => x.id === 'tomsk')?.workflowVersion).toBe(2);

    await page.getByRole('tab', { name: 'Версии' }).click();
    await eventually(() => page.locator('tr[data-version]').count()).toBe(2);
    // Issue 6 §2: in the desk's zone with the zone written out, though the browser is in Berlin
    // (the manual clock stands at 03:00 UTC: 10:00 in Tomsk).
    expect(await page.locator('tr[data-version="2"]').innerText()).toContain('23.11.2026, 10:00 UTC+7');
    // What was typed: a new line, then the comment on the next.
    expect(await page.locator('.workflow-diff [data-change="added"]').allInnerTexts()).toEqual([
      expect.stringMatching(/^\s*\d+ \+\s*$/),
      expect.stringMatching(/\d+ \+\s+# Опубликовано из редактора$/),
    ]);
    expect(await page.locator('.workflow-diff [data-change="removed"]').count()).toBe(0);
    await screenshot(page, 'workflows-03-versions', 'workflow-versions');
    expect(pageProblems).toEqual([]);
  });

  it("a ticket's page highlights its current state on the diagram of its version", async () => {
    onFailure();
    const ticket = await e2e.createTicket<{ id: string }>(t!, 'id', { tenantId: 'tomsk', channel: 'email', kind: 'consultation', subject: 'Где смотреть остатки лимитов' });
    await t!.admin.data(`mutation($id: ID!) { sendTicketEvent(ticketId: $id, type: "TAKE") { state } }`, { id: ticket.id });
    await page.goto(`${t!.url}/#/tickets/${ticket.id}/show`);
    await page.getByRole('button', { name: /Процесс \(версия 2\)/ }).click();
    const current = page.locator('.react-flow__node-state [data-current]');
    await current.waitFor();
    expect(await current.getAttribute('data-state')).toBe('open');
    expect(await current.count()).toBe(1);
    await screenshot(page, 'workflows-04-ticket-state', 'ticket-workflow');
    expect(pageProblems).toEqual([]);
  });

  it('WCAG 2 A/AA: the queue, a ticket page and a workflow page have no serious or critical violation', async () => {
    onFailure();
    const found: string[] = [];
    // Each page as its user sees it, loaded: react-admin's own loading spinners carry no name.
    for (const [route, loaded] of [['#/tickets', 'tbody tr'], ['#/workflows/tomsk/show', '.react-flow__node-state']] as const) {
      await page.goto(`${t!.url}/${route}`);
      await page.locator(loaded).first().waitFor();
      await page.waitForLoadState('networkidle');
      found.push(...(await seriousViolations(page)).map((v) => `${route}: ${v}`));
    }
    await page.goto(`${t!.url}/#/tickets`);
    await page.getByRole('row').nth(1).click();
    await page.getByRole('button', { name: /Процесс \(версия/ }).waitFor();
    await page.waitForLoadState('networkidle');
    found.push(...(await seriousViolations(page)).map((v) => `ticket: ${v}`));
    expect(found).toEqual([]);
  });

  it('switches to English: menus, workflow pages and dates follow, with no message left untranslated', async () => {
    onFailure();
    const untranslated: string[] = [];
    page.on('console', (message) => {
      if (/Missing translation/i.test(message.text())) untranslated.push(message.text());
    });
    await page.goto(`${t!.url}/#/workflows/tomsk/show`);
    await page.getByRole('button', { name: /Русский/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Diagram' }).waitFor();
    await page.locator('.react-flow__edgelabel-renderer').getByText('⏱ 2 business days').waitFor();
    await page.getByRole('tab', { name: 'Versions' }).click();
    expect(await page.locator('tr[data-version="2"]').innerText()).toContain('23/11/2026, 10:00 UTC+7');
    for (const item of ['Tickets', 'Summary', 'Calendar', 'Organisations', 'Outbound mail']) {
      await page.getByRole('menuitem', { name: item }).click();
      await page.waitForLoadState('networkidle');
    }
    await page.goto(`${t!.url}/#/tickets`);
    await page.getByRole('row').nth(1).click();
    await page.getByRole('button', { name: /Workflow \(version 2\)/ }).waitFor();
    // The workflow file's titles are Russian: in English the bundle's words name the events.
    await page.getByRole('button', { name: 'Request information' }).waitFor();
    await page.getByText('Take ·').waitFor();
    await screenshot(page, 'workflows-05-english');
    expect(untranslated).toEqual([]);
    // Back to Russian for whoever reads the session next.
    await page.getByRole('button', { name: /English/i }).click();
    await page.getByRole('menuitem', { name: 'Русский' }).click();
    await page.getByRole('menuitem', { name: 'Процессы' }).waitFor();
    expect(pageProblems).toEqual([]);
  });
});
