/**
 * Users and API tokens in the back office end to end (issue 6 §6): the built admin UI served
 * by the real server, in Debian's Chromium through playwright-core. The admin creates an
 * agent for one desk, creates an API token and sees its secret once (copied from the dialog),
 * then revokes it; the new agent signs in and has no Users or API tokens menu, and the pages
 * refuse a typed-in address. After each step the API shows what the UI did. Any page error,
 * console error or GraphQL error the UI runs into fails the test.
 *
 * Needs `npm run build` and `apt-get install -y chromium`, as back-office.test.ts (it fails,
 * never skips, without them). Screenshots go to test/artifacts/e2e/; the two lists are also
 * refreshed in docs/screenshots/ with UPDATE_SCREENSHOTS=1.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, repoRoot } from '../support/test-server.js';
import * as e2e from './browser.js';
import { eventually, fillSignIn, keepFailure, screenshot, signInButton } from './browser.js';

const ADMIN_INDEX = path.join(repoRoot, 'admin', 'dist', 'index.html');
const missing = e2e.missingPrerequisite('admin UI', ADMIN_INDEX, path.join(repoRoot, 'admin', 'src'));

const sessions = e2e.browserSessions(missing, { viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Tomsk' });
const pageProblems = sessions.problems;

/** A fresh session that may use the clipboard (the token dialog's copy button). */
const newPage = () =>
  sessions.newPage((context) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sessions.server.url }));

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await fillSignIn(page, sessions.server.url, email, password);
  await signInButton(page).click();
  await page.getByRole('columnheader', { name: 'Номер' }).waitFor();
}

const TOMSK = 'Кейсистемс — техническая поддержка Томской области';
const NOVOSIBIRSK = 'ГИСЗ НСО — техническая поддержка';
/**
 * What a page that was just signed out should not have run into: anything but refusals
 * (UNAUTHENTICATED) of the queries it still had in flight, or their answers cut off by the
 * navigation to the sign-in form.
 */
const unexpectedAfterSignOut = (problem: string) =>
  !problem.includes('UNAUTHENTICATED') && !/^GraphQL \w+ answered 200 without JSON$/.test(problem);

/** An entry of the side menu. */
const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name });

/** Picks the desk titled `title` (found by typing `search`) in the desks input of a create or edit form. */
async function chooseTenant(page: Page, search: string, title: string): Promise<void> {
  const input = page.getByRole('combobox', { name: 'Службы поддержки' });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: title }).click();
}

describe('back office: users and API tokens', () => {
  let admin: Page;
  let agent: Page;
  const agentEmail = 'petrova@tomsk.example.org';
  const agentPassword = 'agent-password-7';
  const tokenName = '1С: Бухгалтерия';
  const tomskSubject = 'Не формируется отчёт о кассовом исполнении';
  const novosibirskSubject = 'Не открывается форма заявки';

  it('the admin creates an agent for one desk, creates an API token, sees its secret once and revokes it', async () => {
    if (missing) throw new Error(missing);
    keepFailure('users-failure', () => sessions.current, pageProblems);
    const server = sessions.server;
    // A ticket of each desk: the agent's queue later shows its own desk's only.
    await e2e.createTicket(server, 'id', { tenantId: 'tomsk', channel: 'email', subject: tomskSubject });
    await e2e.createTicket(server, 'id', { tenantId: 'novosibirsk', channel: 'phone', subject: novosibirskSubject });
    admin = await newPage();
    await signIn(admin, adminEmail, adminPassword);

    // Users: the list, then a new agent of Tomsk.
    await menuItem(admin, 'Пользователи').click();
    await admin.getByRole('cell', { name: adminEmail }).waitFor();
    await admin.getByRole('link', { name: 'Создать' }).click();
    // An address that is taken: the server's refusal shows under the email input.
    const emailInput = admin.getByRole('textbox', { name: 'Эл. почта' });
    await emailInput.fill(adminEmail);
    await admin.getByRole('textbox', { name: 'Пароль' }).fill(agentPassword);
    expect(await admin.getByRole('combobox', { name: 'Роль' }).textContent()).toBe('Агент');
    await chooseTenant(admin, 'Томск', TOMSK);
    await admin.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByText('Неверный адрес, или пользователь с ним уже есть').waitFor();
    await eventually(() => pageProblems).toEqual([`GraphQL error in CreateUser: BAD_USER_INPUT a user ${adminEmail} already exists`]);
    pageProblems.length = 0;
    await emailInput.fill(agentEmail);
    await e2e.screenshot(admin, 'users-01-create');
    await admin.getByRole('button', { name: 'Сохранить' }).click();

    const agentRow = admin.getByRole('row').filter({ hasText: agentEmail });
    await agentRow.waitFor();
    expect(await agentRow.textContent()).toContain('Агент');
    await eventually(() => agentRow.textContent()).toContain(TOMSK);
    expect(await agentRow.textContent()).toContain('Активен');
    await admin.waitForLoadState('networkidle');
    await screenshot(admin, 'users-02-list', 'users-list');
    const { users } = await server.admin.data<{ users: Array<{ email: string; role: string; tenantIds: string[]; disabled: boolean }> }>(
      `{ users { email role tenantIds disabled } }`,
    );
    expect(users.find((u) => u.email === agentEmail)).toEqual({ email: agentEmail, role: 'agent', tenantIds: ['tomsk'], disabled: false });

    // API tokens: a new one for Tomsk; its secret is shown once, in a dialog.
    await menuItem(admin, 'API-токены').click();
    await admin.getByRole('link', { name: 'Создать' }).click();
    await admin.getByRole('textbox', { name: 'Название' }).fill(tokenName);
    await chooseTenant(admin, 'Томск', TOMSK);
    await admin.getByRole('button', { name: 'Сохранить' }).click();

    const dialog = admin.getByRole('dialog', { name: 'API-токен создан' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('после закрытия окна он больше не будет показан');
    const secret = await dialog.getByRole('textbox', { name: 'Токен' }).inputValue();
    expect(secret).toMatch(/^rgi_/);
    await screenshot(admin, 'users-03-token-secret', 'api-token-secret');
    await dialog.getByRole('button', { name: 'Копировать' }).click();
    await admin.getByText('Токен скопирован').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // The secret is the real one: an external system can use it.
    const integration = server.anonymous.withToken(secret);
    expect((await integration.data<{ tenants: Array<{ id: string }> }>(`{ tenants { id } }`)).tenants.map((x) => x.id)).toEqual(['tomsk']);

    await dialog.getByRole('button', { name: 'Я сохранил токен' }).click();
    const tokenRow = admin.getByRole('row').filter({ hasText: tokenName });
    await tokenRow.waitFor();
    await eventually(() => tokenRow.textContent()).toContain(TOMSK);
    expect(await tokenRow.textContent()).toContain('Действует');
    // Shown once: nowhere on the page any more.
    expect(await admin.content()).not.toContain(secret);
    await admin.waitForLoadState('networkidle');
    await screenshot(admin, 'users-04-token-list', 'api-tokens-list');

    // Revoke, confirmed in a dialog: the token is refused from then on.
    await tokenRow.getByRole('button', { name: 'Отозвать' }).click();
    const confirm = admin.getByRole('dialog', { name: `Отозвать токен «${tokenName}»?` });
    await confirm.getByRole('button', { name: 'Отозвать' }).click();
    await admin.getByText('Токен отозван').waitFor();
    await eventually(() => tokenRow.textContent()).toContain('Отозван');
    expect(await tokenRow.getByRole('button', { name: 'Отозвать' }).count()).toBe(0);
    expect(await integration.errorCode(`{ tenants { id } }`)).toBe('UNAUTHENTICATED');
    await screenshot(admin, 'users-05-token-revoked');

    expect(pageProblems).toEqual([]);
  });

  it('the new agent signs in to its desk and has no Users or API tokens menu', async () => {
    if (missing) throw new Error(missing);
    keepFailure('users-agent-failure', () => sessions.current, pageProblems);
    agent = await newPage();
    await signIn(agent, agentEmail, agentPassword);
    await agent.getByRole('cell', { name: tomskSubject }).waitFor();
    expect(await agent.getByRole('cell', { name: novosibirskSubject }).count()).toBe(0);
    await menuItem(agent, 'Заявки').waitFor();
    expect(await menuItem(agent, 'Пользователи').count()).toBe(0);
    expect(await menuItem(agent, 'API-токены').count()).toBe(0);
    await agent.waitForLoadState('networkidle');
    await screenshot(agent, 'users-06-agent-menu');

    // A typed-in address is refused by the page itself, before any query the server would refuse.
    await agent.goto(`${sessions.server.url}/#/users`);
    await agent.getByText('У вас нет необходимых разрешений для доступа к этой странице').waitFor();
    expect(await agent.getByRole('cell', { name: adminEmail }).count()).toBe(0);
    await screenshot(agent, 'users-07-agent-denied');

    expect(pageProblems).toEqual([]);
  });

  it("the admin gives the agent another desk and disables it; the agent's open back office goes back to sign-in", async () => {
    if (missing) throw new Error(missing);
    keepFailure('users-edit-failure', () => sessions.current, pageProblems);
    const server = sessions.server;
    sessions.current = admin;
    await menuItem(admin, 'Пользователи').click();
    await admin.getByRole('cell', { name: agentEmail }).click();
    await admin.getByText(`Пользователь «${agentEmail}»`).waitFor();
    expect(await admin.getByRole('button', { name: 'Удалить' }).count()).toBe(0);
    await chooseTenant(admin, 'НСО', NOVOSIBIRSK);
    await admin.getByRole('switch', { name: 'Отключён' }).check();
    await screenshot(admin, 'users-08-edit', 'user-edit');
    await admin.getByRole('button', { name: 'Сохранить' }).click();
    const agentRow = admin.getByRole('row').filter({ hasText: agentEmail });
    await eventually(() => agentRow.textContent()).toContain('Отключён');
    expect(await agentRow.textContent()).toContain(NOVOSIBIRSK);
    const { users } = await server.admin.data<{ users: Array<{ email: string; tenantIds: string[]; disabled: boolean }> }>(
      `{ users { email tenantIds disabled } }`,
    );
    expect(users.find((u) => u.email === agentEmail)).toMatchObject({ tenantIds: ['tomsk', 'novosibirsk'], disabled: true });

    // The disabled agent's page: its next request is refused and it lands on the sign-in form.
    sessions.current = agent;
    await agent.goto(`${server.url}/#/tickets`);
    await signInButton(agent).waitFor();
    // The refusals are what sent it there (recorded as their answers are read).
    await agent.waitForLoadState('networkidle');
    await eventually(() => pageProblems.some((p) => p.includes('UNAUTHENTICATED'))).toBe(true);
    expect(pageProblems.filter(unexpectedAfterSignOut)).toEqual([]);
    pageProblems.length = 0;
    await fillSignIn(agent, server.url, agentEmail, agentPassword);
    await signInButton(agent).click();
    await agent.getByText('Учётная запись отключена. Обратитесь к администратору.').waitFor();
    await eventually(() => pageProblems).toContain('GraphQL error in Login: UNAUTHENTICATED This account is disabled');
    expect(pageProblems.filter(unexpectedAfterSignOut)).toEqual([]);
    pageProblems.length = 0;

    // The admin's own page: role and access are locked, so nobody locks everyone out.
    sessions.current = admin;
    await admin.getByRole('cell', { name: adminEmail }).click();
    await admin.getByText(`Пользователь «${adminEmail}»`).waitFor();
    expect(await admin.getByRole('combobox', { name: 'Роль' }).getAttribute('aria-disabled')).toBe('true');
    expect(await admin.getByRole('switch', { name: 'Отключён' }).isDisabled()).toBe(true);
    await admin.getByText('Свою роль и доступ изменить нельзя').waitFor();
    await screenshot(admin, 'users-09-own-edit');
    expect(pageProblems).toEqual([]);
  });
});
