/**
 * What the Chromium end-to-end tests (back-office, back-office-tickets, back-office-users,
 * portal) share: where Chromium and the artifacts live, the check that the build and the
 * browser are there, the browser launch (or a server with browser sessions for a whole
 * file), collecting what a page runs into, screenshots, failure snapshots and the
 * admin-side GraphQL calls that set tickets up. Each test file keeps its own state (server,
 * pages, problem list), so the files stay independent of each other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type LaunchOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { repoRoot, startTestServer, type TestServer } from '../support/test-server.js';

/** Debian's Chromium unless CHROMIUM_PATH says otherwise: the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Every screenshot and failure snapshot of a run; not committed. */
export const ARTIFACTS = path.join(repoRoot, 'test', 'artifacts', 'e2e');
/** The screenshots the docs show; written only with UPDATE_SCREENSHOTS=1. */
export const DOCS_SCREENSHOTS = path.join(repoRoot, 'docs', 'screenshots');

// The closed network here: without these Chromium waits on update and sync services.
export const CHROMIUM_ARGS = [
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
export function sourcesNewerThan(dir: string, since: number): string | null {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const found = entry.isDirectory() ? sourcesNewerThan(file, since) : fs.statSync(file).mtimeMs > since ? file : null;
    if (found) return found;
  }
  return null;
}

/**
 * What is missing to run a browser test, if anything: the built page `built` (named `what`),
 * a build newer than everything under `sources`, and Chromium. Reported as the test's
 * failure, not a skip, so a missing build or browser can never pass silently.
 */
export function missingPrerequisite(what: string, built: string, sources: string): string | null {
  if (!fs.existsSync(built)) {
    return `The ${what} is not built (${built} is missing): run \`npm run build\` before this test.`;
  }
  const newer = sourcesNewerThan(sources, fs.statSync(built).mtimeMs);
  if (newer) {
    return `The ${what} in admin/dist is older than ${path.relative(repoRoot, newer)}: run \`npm run build\` again.`;
  }
  if (!fs.existsSync(CHROMIUM)) {
    return (
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\` ` +
      '(or set CHROMIUM_PATH to a Chromium binary). This test does not skip without it.'
    );
  }
  return null;
}

/** Chromium with one browser profile (the tests that drive a single page). */
export interface PersistentBrowser {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
}

/**
 * Chromium on a fresh profile in a temporary directory, with its first page; `options` sets
 * the screen, locale and time zone. The profile lives on disk, so closeProfile removes it.
 */
export async function launchProfile(
  prefix: string,
  options: Parameters<typeof chromium.launchPersistentContext>[1],
): Promise<PersistentBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      ...options,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page, userDataDir };
  } catch (error) {
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}

/** Closes what launchProfile started and removes its profile directory. */
export async function closeProfile(browser: PersistentBrowser | undefined): Promise<void> {
  if (!browser) return;
  await browser.context.close();
  fs.rmSync(browser.userDataDir, { recursive: true, force: true, maxRetries: 3 });
}

/** Chromium without a profile (the tests that open several pages, each its own session). */
export function launchBrowser(options?: LaunchOptions): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
}

/** A test server and one Chromium for a test file, with a fresh profile per session. */
export interface BrowserSessions {
  /** The server; there once beforeAll has run (and nothing was missing). */
  readonly server: TestServer;
  /** What went wrong in any page: uncaught exceptions, console errors, GraphQL errors. */
  readonly problems: string[];
  /** The page a failure snapshot shows: the last one opened, unless a test says otherwise. */
  current: Page | undefined;
  /** A fresh browser profile (its own localStorage, so its own session), watched for problems. */
  newPage(prepare?: (context: BrowserContext) => Promise<void>): Promise<Page>;
}

/**
 * Starts a test server and Chromium in the file's beforeAll and stops them in its afterAll,
 * for the tests that drive several users at once. Nothing starts while `missing` says what
 * is missing: each test then fails with that reason.
 */
export function browserSessions(missing: string | null, contextOptions: BrowserContextOptions): BrowserSessions {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (missing) return;
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await Promise.all([startTestServer().then((s) => (server = s)), launchBrowser().then((b) => (browser = b))]);
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  const sessions: BrowserSessions = {
    get server() {
      return server!;
    },
    problems: [],
    current: undefined,
    async newPage(prepare) {
      const context = await browser!.newContext(contextOptions);
      contexts.push(context);
      await prepare?.(context);
      const page = await context.newPage();
      watchPage(page, sessions.problems);
      sessions.current = page;
      return page;
    },
  };
  return sessions;
}

/**
 * Records into `problems` whatever `page` runs into: uncaught exceptions, console errors and
 * GraphQL errors (which come back as 200 with `errors`, so nothing else would notice them).
 * Also gives the page room for a slow machine (10 s instead of Playwright's 30 s / none).
 */
export function watchPage(page: Page, problems: string[]): void {
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('response', async (response) => {
    if (!response.url().endsWith('/graphql') || response.request().method() !== 'POST') return;
    const operation = (response.request().postDataJSON() as { operationName?: string } | null)?.operationName;
    try {
      const body = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
      for (const error of body.errors ?? []) {
        problems.push(`GraphQL error in ${operation ?? 'an operation'}: ${error.extensions?.code ?? '?'} ${error.message}`);
      }
    } catch {
      problems.push(`GraphQL ${operation ?? 'operation'} answered ${response.status()} without JSON`);
    }
  });
}

/**
 * The whole page to test/artifacts/e2e/<name>.png; with UPDATE_SCREENSHOTS=1 also to
 * docs/screenshots/<docsName>.png (opt-in, so a test run leaves the work tree clean).
 */
export async function screenshot(page: Page, name: string, docsName?: string): Promise<void> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (docsName && process.env.UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS_SCREENSHOTS, `${docsName}.png`));
  }
}

/**
 * If the running test fails, leaves the page as it was (test/artifacts/e2e/<name>.png and
 * .html) and prints what it ran into. `page` is read at failure time: the page may change
 * during the test.
 */
export function keepFailure(name: string, page: () => Page | undefined, problems: string[]): void {
  onTestFailed(async () => {
    const current = page();
    if (!current) return;
    await current.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    fs.writeFileSync(path.join(ARTIFACTS, `${name}.html`), await current.content().catch(() => ''));
    if (problems.length) console.error(`The page ran into:\n${problems.join('\n')}`);
  });
}

/** expect.poll with room for a slow machine (its default gives up after 1 s). */
export const eventually = <T>(read: () => Promise<T> | T, timeout = 10_000) => expect.poll(read, { timeout });

/** Fills the back office's sign-in form at `url` (not submitted: a test may screenshot it first). */
export async function fillSignIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Эл. почта' }).fill(email);
  await page.getByRole('textbox', { name: 'Пароль' }).fill(password);
}

/** The sign-in button of the back office's form. */
export const signInButton = (page: Page) => page.getByRole('button', { name: 'Войти' });

/** createTicket through the admin API, answering with `fields` (each test asks for what it checks). */
export async function createTicket<T>(server: TestServer, fields: string, input: Record<string, unknown>): Promise<T> {
  const { createTicket: ticket } = await server.admin.data<{ createTicket: T }>(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${fields} } }`,
    { i: input },
  );
  return ticket;
}

/** A ticket as the admin API sees it now, with `fields`: what the UI did, checked behind its back. */
export async function readTicket<T>(server: TestServer, fields: string, id: string): Promise<T> {
  const { ticket } = await server.admin.data<{ ticket: T }>(`query($id: ID!) { ticket(id: $id) { ${fields} } }`, { id });
  return ticket;
}
