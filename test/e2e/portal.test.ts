/**
 * The requester portal end to end (issue 7): the built portal (admin/dist/portal.html, the
 * second entry of the admin build) served by the real server under /portal/, driven in
 * Debian's Chromium through playwright-core, as a requester without an account would use it.
 * - NSO: the public web form (announcement on top, channels with hours), filled with a
 *   screenshot, submitted; the personal link from the captured acknowledgement opens the
 *   ticket page, which shows the thread and takes a reply.
 * - SIN-9/10: an act refused in the page with reasons and two rework items, then the next
 *   act approved.
 * - TOM-6: a solved ticket returned to work within the window; the button is gone after.
 * - Accessibility: no serious or critical WCAG 2 A/AA violation (axe-core) on the form and on
 *   the ticket page with an act, on a phone and a desktop screen; the reply box and the act's
 *   forms work from the keyboard alone (accessibility.ts).
 * Any page error, console error or GraphQL error the pages run into fails the test.
 *
 * Needs `npm run build` (admin/dist) and `apt-get install -y chromium`; without either the
 * test fails and says so, it never skips. Screenshots of every step go to test/artifacts/e2e/;
 * the form and the ticket page are also refreshed in docs/screenshots/ with UPDATE_SCREENSHOTS=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startTestServer, type TestServer } from '../support/test-server.js';
import * as e2e from './browser.js';
import { closeProfile, eventually, launchProfile, watchPage, type PersistentBrowser } from './browser.js';
import { controlsIn, keyboardWalk, seriousViolations } from './accessibility.js';

const PORTAL_PAGE = path.join(repoRoot, 'admin', 'dist', 'portal.html');
const missing = e2e.missingPrerequisite('portal', PORTAL_PAGE, path.join(repoRoot, 'admin', 'src', 'portal'));

/** A phone-sized screen: requesters come from their phones as often as not. */
const phone = { width: 412, height: 915 };
const desktop = { width: 1280, height: 800 };

let t: TestServer | undefined;
let browser: PersistentBrowser | undefined;
let page: Page;
/** What went wrong in the page: uncaught exceptions, console errors, GraphQL errors. */
const pageProblems: string[] = [];

beforeAll(async () => {
  // Left to the test to fail with the reason: a failing beforeAll would show it as skipped.
  if (missing) return;
  fs.mkdirSync(e2e.ARTIFACTS, { recursive: true });
  await Promise.all([
    startTestServer().then((server) => (t = server)),
    launchProfile('reglament-e2e-portal-', {
      viewport: phone,
      deviceScaleFactor: 1,
      isMobile: false,
      // An English browser in Moscow: the portal is Russian first and shows the desk's
      // own time zone whatever the browser's is.
      locale: 'en-US',
      timezoneId: 'Europe/Moscow',
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

/** A failure leaves the page as it was and says what the page ran into. */
function keepFailure(name: string): void {
  // Each test answers for what its own pages ran into.
  pageProblems.length = 0;
  e2e.keepFailure(`${name}-failure`, () => page, pageProblems);
}

interface TicketRow {
  id: string;
  number: string;
  state: string;
  statusCategory: string;
  fields: Record<string, unknown>;
  messages: Array<{ direction: string; channel: string; body: string }>;
  acts: Array<{ kind: string; status: string; reasons: string | null; items: Array<{ what: string; dueAt: string | null }> }>;
  history: Array<{ event: string; actor: string }>;
}
const ticketFields = 'id number state statusCategory fields messages { direction channel body } acts { kind status reasons items { what dueAt } } history { event actor }';
const createTicket = (server: TestServer, input: Record<string, unknown>) => e2e.createTicket<TicketRow>(server, ticketFields, input);
const readTicket = (server: TestServer, id: string) => e2e.readTicket<TicketRow>(server, ticketFields, id);

async function sendEvent(server: TestServer, id: string, type: string, data?: Record<string, unknown>): Promise<TicketRow> {
  const { sendTicketEvent } = await server.admin.data<{ sendTicketEvent: TicketRow }>(
    `mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { ${ticketFields} } }`,
    { id, type, data: data ?? null },
  );
  return sendTicketEvent;
}

/** The personal link of the latest captured letter to `to` (each letter to a requester carries one). */
async function personalLink(server: TestServer, to: string): Promise<string> {
  const read = async () => {
    const { outboundMessages } = await server.admin.data<{ outboundMessages: Array<{ body: string; at: string }> }>(
      `query($to: String!) { outboundMessages(to: $to) { body at } }`,
      { to },
    );
    const tokens = outboundMessages.flatMap((m) => [...m.body.matchAll(/\/portal\/t\/([A-Za-z0-9_-]+)/g)].map((match) => match[1]));
    return tokens.at(-1) ?? null;
  };
  await eventually(read).not.toBeNull();
  return `${server.url}/portal/t/${await read()}`;
}

/** A Sintez change request with its first act waiting for the requester's decision, and its personal link. */
async function ticketWithAct(
  server: TestServer,
  requester: string,
  request: { subject: string; section: string; description: string; done: string },
): Promise<{ id: string; number: string; link: string }> {
  const created = await createTicket(server, {
    tenantId: 'sintez',
    channel: 'email',
    kind: 'change',
    subject: request.subject,
    from: requester,
    fields: { section: request.section, description: request.description },
  });
  await sendEvent(server, created.id, 'TAKE');
  await sendEvent(server, created.id, 'ISSUE_ACT', { items: [request.done] });
  return { id: created.id, number: created.number, link: await personalLink(server, requester) };
}

describe('requester portal', () => {
  it('NSO-1, NSO-5: fills the web form with a screenshot, follows the personal link from the acknowledgement, reads the thread and replies', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-nso');
    const server = t!;
    const requester = 'buh@school12.nso.ru';

    // NSO-1: an outage in force is shown on top of the form.
    await server.admin.data(`mutation($i: CreateAnnouncementInput!) { createAnnouncement(input: $i) { id } }`, {
      i: {
        tenantId: 'novosibirsk',
        kind: 'outage',
        title: 'Плановые работы на сервере ГИСЗ НСО',
        body: 'Возможны перебои в работе модуля «Заявки на кассовый расход».',
        startsAt: '2026-11-23T02:00:00Z',
        endsAt: '2026-11-23T12:00:00Z',
      },
    });

    await page.goto(`${server.url}/portal/novosibirsk/new`);
    await page.getByRole('heading', { name: 'Обращение в службу поддержки' }).waitFor();
    await page.getByText('Плановые работы на сервере ГИСЗ НСО').waitFor();
    // The channels, phones with their hours in the desk's time zone (UTC+7), not the browser's.
    await page.getByText('8-800-200-20-72').waitFor();
    expect(await page.getByText(/09:00-18:00 \(Asia\/Novosibirsk, UTC\+7\)/).count()).toBeGreaterThan(0);

    // Nothing is sent while a required field is empty; the page says which and focuses the first.
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await eventually(() => page.getByText('Заполните это поле').count()).toBeGreaterThan(3);
    await page.getByText('Приложите хотя бы один файл').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-subject');

    // NSO-5: every required intake field, in Russian.
    await page.getByRole('textbox', { name: 'Тема обращения' }).fill('Не формируется заявка на кассовый расход');
    await page.getByRole('textbox', { name: 'Ваш адрес электронной почты' }).fill(requester);
    await page.getByRole('textbox', { name: 'ИНН организации' }).fill('5406123456');
    await page.getByRole('textbox', { name: 'ФИО' }).fill('Сидорова Мария Петровна');
    await page.getByLabel('Дата и время возникновения проблемы').fill('2026-11-23T09:30');
    await page.getByRole('textbox', { name: 'Описание проблемы' }).fill('При сохранении заявки появляется ошибка «Недостаточно лимитов».');
    await page.getByRole('textbox', { name: 'Последовательность действий' }).fill('1. Открыть «Заявки на кассовый расход».\n2. Создать заявку.\n3. Нажать «Сохранить».');
    await page.locator('input[type="file"][name="screenshots"]').setInputFiles({ name: 'oshibka-limity.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') });
    await page.getByTestId('files-screenshots').getByText('oshibka-limity.png').waitFor();
    // The honeypot is in the form, empty, and out of people's way.
    expect(await page.locator('input[name="website"]').inputValue()).toBe('');
    expect(await page.locator('input[name="website"]').getAttribute('tabindex')).toBe('-1');
    await screenshot('portal-01-form', 'portal-form');

    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    const numberText = page.getByTestId('ticket-number');
    await numberText.waitFor();
    const number = (await numberText.textContent())!.trim();
    expect(number).toMatch(/^Ticket#\d{8}10\d{6}$/);
    await page.getByText(`Персональная ссылка на страницу обращения отправлена на ${requester}`).waitFor();
    await screenshot('portal-02-submitted');

    // The API has it, with the fields as typed and the screenshot by name, its bytes kept.
    const { ticketByNumber } = await server.admin.data<{ ticketByNumber: TicketRow }>(
      `query($n: String!) { ticketByNumber(number: $n, tenantId: "novosibirsk") { ${ticketFields} } }`,
      { n: number },
    );
    expect(ticketByNumber.fields).toMatchObject({ inn: '5406123456', fullName: 'Сидорова Мария Петровна', screenshots: ['oshibka-limity.png'], occurredAt: '2026-11-23T02:30:00.000Z' });
    const { ticketByNumber: withFiles } = await server.admin.data<{ ticketByNumber: { attachments: Array<{ filename: string; size: number; field: string }> } }>(
      `query($n: String!) { ticketByNumber(number: $n, tenantId: "novosibirsk") { attachments { filename size field } } }`,
      { n: number },
    );
    expect(withFiles.attachments).toEqual([{ filename: 'oshibka-limity.png', size: 8, field: 'screenshots' }]);

    // The personal link from the captured acknowledgement opens the ticket page.
    await page.goto(await personalLink(server, requester));
    await page.getByRole('heading', { name: `Обращение ${number}` }).waitFor();
    await eventually(() => page.getByTestId('status').textContent()).toBe('Зарегистрировано');
    // Deadlines in words, in the desk's time zone.
    await eventually(() => page.getByTestId('deadlines').textContent()).toMatch(/до \d\d\.\d\d\.2026 \d\d:\d\d \(UTC\+7\)/);
    const thread = page.getByTestId('thread');
    await eventually(() => thread.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await thread.textContent()).toContain(number);

    // A reply from the page joins the thread, as a mail reply would.
    const reply = 'Дополнительно: ошибка появляется только для заявок с кодом КОСГУ 226.';
    const before = await thread.getByRole('listitem').count();
    await page.getByRole('textbox', { name: 'Ваше сообщение' }).fill(reply);
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.getByText('Сообщение отправлено.').waitFor();
    await eventually(() => thread.getByRole('listitem').count()).toBe(before + 1);
    await thread.getByText(reply).waitFor();
    expect(await page.getByRole('textbox', { name: 'Ваше сообщение' }).inputValue()).toBe('');
    await page.waitForLoadState('networkidle');
    await screenshot('portal-03-ticket', 'portal-ticket');

    const after = await readTicket(server, ticketByNumber.id);
    expect(after.messages.filter((m) => m.direction === 'in' && m.channel === 'web').map((m) => m.body)).toContain(reply);

    expect(pageProblems).toEqual([]);
  });

  it('NSO-6, NSO-10: names the date the missing information will come, then answers with it from the reply box', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-nso-info');
    const server = t!;
    const requester = 'kadry@school7.nso.ru';
    const { submitRequest } = await server.anonymous.data<{ submitRequest: { number: string } }>(
      `mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { number } }`,
      {
        i: {
          tenantId: 'novosibirsk',
          kind: 'request',
          subject: 'Не подписывается документ',
          from: requester,
          fields: { inn: '5406000000', fullName: 'Орлова Анна', occurredAt: '2026-11-23T02:00:00Z', description: 'Ошибка подписи', steps: 'Подписать', screenshots: ['podpis.png'] },
        },
      },
    );
    const { ticketByNumber } = await server.admin.data<{ ticketByNumber: TicketRow }>(
      `query($n: String!) { ticketByNumber(number: $n, tenantId: "novosibirsk") { ${ticketFields} } }`,
      { n: submitRequest.number },
    );
    await sendEvent(server, ticketByNumber.id, 'TAKE');
    await sendEvent(server, ticketByNumber.id, 'REQUEST_INFO', { missing: ['documentRef'] });

    await page.goto(await personalLink(server, requester));
    await eventually(() => page.getByTestId('status').textContent()).toBe('Ожидает ваших сведений');
    // Only the requester's events: no agent button such as «Взять в работу».
    expect(await page.getByRole('button', { name: 'Взять в работу' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Сообщить срок предоставления сведений' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Когда вы предоставите сведения').fill('2026-11-27T12:00');
    await dialog.getByRole('button', { name: 'Сообщить' }).click();
    await page.getByText('Срок предоставления сведений сообщён.').waitFor();
    const named = await readTicket(server, ticketByNumber.id);
    expect(named.history.at(-1)).toMatchObject({ event: 'NAME_DATE' });
    expect(named.history.at(-1)!.actor).toMatch(/^requester/);

    // A reply to a waiting ticket is the information (PROVIDE_INFO), as a mail reply would be.
    await page.getByRole('textbox', { name: 'Ваше сообщение' }).fill('Номер документа: 0123-456.');
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.getByText('Сообщение отправлено.').waitFor();
    await eventually(() => page.getByTestId('status').textContent()).toBe('В работе');
    await screenshot('portal-09-info-provided');
    const provided = await readTicket(server, ticketByNumber.id);
    expect(provided.statusCategory).toBe('open');
    expect(provided.history.at(-1)).toMatchObject({ event: 'PROVIDE_INFO' });

    expect(pageProblems).toEqual([]);
  });

  it('SIN-9, SIN-10: refuses an act in the page with reasons and two rework items, then approves the next act', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-sin');
    const server = t!;
    const created = await ticketWithAct(server, 'press@sintez-client.ru', {
      subject: 'Обновить раздел «Новости» на сайте',
      section: 'Новости',
      description: 'Разместить три новости о конференции.',
      done: 'Размещены три новости о конференции',
    });

    await page.goto(created.link);
    await page.getByRole('heading', { name: `Обращение ${created.number}` }).waitFor();
    const acts = page.getByTestId('act');
    await eventually(() => acts.count()).toBe(1);
    expect(await acts.first().getByTestId('act-status').textContent()).toBe('ожидает вашего решения');
    // The printable act opens through the personal link itself.
    const printable = acts.first().getByRole('link', { name: 'Открыть акт для печати' });
    const href = (await printable.getAttribute('href'))!;
    expect(href).toMatch(/^\/portal\/t\/[A-Za-z0-9_-]+\/acts\/1$/);
    const document = await page.request.get(`${server.url}${href}`);
    expect(document.status()).toBe(200);
    expect(await document.text()).toContain(created.number);

    // SIN-10: a motivated refusal with the rework and its deadlines.
    await acts.first().getByRole('button', { name: 'Отказать в приёмке' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Причины отказа' }).fill('Новости размещены без фотографий и не в том разделе.');
    await dialog.getByRole('textbox', { name: 'Доработка 1' }).fill('Добавить фотографии к новостям');
    await dialog.getByLabel('Срок доработки 1').fill('2026-11-25T18:00');
    await dialog.getByRole('button', { name: 'Добавить доработку' }).click();
    await dialog.getByRole('textbox', { name: 'Доработка 2' }).fill('Перенести новости в подраздел «Конференции»');
    await dialog.getByLabel('Срок доработки 2').fill('2026-11-26T18:00');
    await screenshot('portal-04-refuse-act');
    await dialog.getByRole('button', { name: 'Отправить отказ' }).click();
    await page.getByText('Отказ в приёмке направлен вместе с перечнем доработок.').waitFor();
    await eventually(() => dialog.count()).toBe(0);
    await eventually(() => page.getByTestId('status').textContent()).toBe('В работе');
    await screenshot('portal-05-act-refused');

    const refused = await readTicket(server, created.id);
    expect(refused.state).toBe('rework');
    expect(refused.history.at(-1)).toMatchObject({ event: 'REFUSE_ACT' });
    expect(refused.history.at(-1)!.actor).toMatch(/^requester/);
    const refusal = refused.acts.find((a) => a.status === 'refused');
    expect(refusal?.reasons).toBe('Новости размещены без фотографий и не в том разделе.');
    // Sintez's time (UTC+6, SIN-7), not the browser's: 18:00 there is 12:00 UTC.
    const reworkItems = refused.acts.flatMap((a) => a.items).filter((i) => i.dueAt);
    expect(reworkItems).toEqual(
      expect.arrayContaining([
        { what: 'Добавить фотографии к новостям', dueAt: '2026-11-25T12:00:00.000Z' },
        { what: 'Перенести новости в подраздел «Конференции»', dueAt: '2026-11-26T12:00:00.000Z' },
      ]),
    );

    // The rework done, the desk issues the next act; the requester approves it in the page.
    await sendEvent(server, created.id, 'ISSUE_ACT', { items: ['Добавлены фотографии', 'Новости перенесены в «Конференции»'] });
    await page.reload();
    const approve = page.getByRole('button', { name: 'Утвердить акт' });
    await approve.waitFor();
    await approve.click();
    await page.getByText('Акт утверждён.').waitFor();
    await eventually(() => page.getByTestId('status').textContent()).toBe('Закрыто');
    await eventually(() => approve.count()).toBe(0);
    await screenshot('portal-06-act-approved');
    // The same page on a desktop screen.
    await page.setViewportSize(desktop);
    await screenshot('portal-06-act-approved-desktop');
    await page.setViewportSize(phone);

    const approved = await readTicket(server, created.id);
    expect(approved.statusCategory).toBe('closed');
    expect(approved.history.at(-1)).toMatchObject({ event: 'APPROVE_ACT' });
    expect(approved.history.at(-1)!.actor).toMatch(/^requester/);

    expect(pageProblems).toEqual([]);
  });

  it('TOM-6: reopens a solved ticket within the window, and the button is gone after', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-tom');
    const server = t!;
    const requester = 'petrov@ufk-tomsk.example.org';
    const created = await createTicket(server, {
      tenantId: 'tomsk',
      channel: 'email',
      kind: 'consultation',
      subject: 'Как сформировать отчёт о кассовом исполнении',
      from: requester,
      fields: { fullName: 'Петров Пётр Петрович', organization: 'УФК по Томской области', phone: '+7 3822 00-00-00', email: requester },
    });
    await sendEvent(server, created.id, 'TAKE');
    await sendEvent(server, created.id, 'RESOLVE', { solution: 'Отчёт формируется в разделе «Отчёты → Исполнение».' });

    await page.goto(await personalLink(server, requester));
    await page.getByRole('heading', { name: `Обращение ${created.number}` }).waitFor();
    await eventually(() => page.getByTestId('status').textContent()).toBe('Решено');
    const reopen = page.getByRole('button', { name: 'Вернуть обращение в работу' });
    await reopen.waitFor();
    expect(await page.getByRole('button', { name: 'Подтвердить решение' }).count()).toBe(1);
    // Only the requester's events: nothing of the agent's.
    expect(await page.getByRole('button', { name: 'Взять в работу' }).count()).toBe(0);
    await screenshot('portal-07-resolved');

    await reopen.click();
    await page.getByText('Обращение возвращено в работу.').waitFor();
    await eventually(() => page.getByTestId('status').textContent()).toBe('В работе');
    await eventually(() => reopen.count()).toBe(0);
    await screenshot('portal-08-reopened');

    const reopened = await readTicket(server, created.id);
    expect(reopened.statusCategory).toBe('open');
    expect(reopened.history.at(-1)).toMatchObject({ event: 'REOPEN' });
    expect(reopened.history.at(-1)!.actor).toMatch(/^requester/);

    expect(pageProblems).toEqual([]);
  });

  it('SIN-2: generates each form from its workflow: kinds with their own fields; no form where the tenant has no web channel', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-forms');
    // SIN-2: two kinds, each asking for the site section and the description.
    await page.goto(`${t!.url}/portal/sintez/new`);
    await page.getByRole('combobox', { name: 'Вид обращения' }).click();
    await page.getByRole('option', { name: 'Проблема на сайте' }).click();
    await eventually(() => page.getByRole('combobox', { name: 'Вид обращения' }).textContent()).toBe('Проблема на сайте');
    await page.getByRole('textbox', { name: 'Раздел сайта', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Описание проблемы' }).waitFor();
    // Sintez keeps a fixed UTC+6 (SIN-7): hours are shown in it.
    expect(await page.getByText('UTC+6').count()).toBeGreaterThan(0);
    // Tomsk takes requests by phone and mail only (TOM-1/2): no form, the channels instead.
    await page.goto(`${t!.url}/portal/tomsk/new`);
    await page.getByText('не принимает обращения через веб-форму').waitFor();
    expect(await page.getByRole('button', { name: 'Отправить обращение' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Способы связи' }).waitFor();
    expect(pageProblems).toEqual([]);
  });

  it('a link revoked while its page is open: the server ends the live updates and the page says the link no longer works', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-revoked');
    const server = t!;
    const requester = 'forwarded@sintez-client.ru';
    const created = await createTicket(server, {
      tenantId: 'sintez',
      channel: 'email',
      kind: 'change',
      subject: 'Письмо переслали',
      from: requester,
      fields: { section: 'Главная', description: 'Заменить баннер.' },
    });
    await page.goto(await personalLink(server, requester));
    await page.getByRole('heading', { name: `Обращение ${created.number}` }).waitFor();
    await page.waitForLoadState('networkidle');
    await server.admin.data(`mutation($id: ID!) { revokeRequesterLinks(ticketId: $id) }`, { id: created.id });
    await page.getByRole('heading', { name: 'Обращение не найдено' }).waitFor({ timeout: 3000 });
    await page.getByText(/отозвана службой поддержки/).waitFor();
    expect(await page.getByText('Заменить баннер.').count()).toBe(0);
    expect(pageProblems).toEqual([]);
  });

  it('answers an unknown personal link with a friendly message', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-unknown');
    await page.goto(`${t!.url}/portal/t/no-such-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`);
    await page.getByRole('heading', { name: 'Обращение не найдено' }).waitFor();
    await page.getByText(/Ссылка не действует/).waitFor();
    expect(pageProblems).toEqual([]);
  });
});

const contactsPage = { subject: 'Добавить страницу «Контакты»', section: 'Контакты', description: 'Нужна страница с адресами отделений.', done: 'Создана страница «Контакты»' };

/** The serious and critical violations on the page at each screen size, named by size. */
async function auditAtSizes(what: string): Promise<string[]> {
  const found: string[] = [];
  for (const [name, size] of [['phone', phone], ['desktop', desktop]] as const) {
    await page.setViewportSize(size);
    found.push(...(await seriousViolations(page)).map((v) => `${what}, ${name}: ${v}`));
  }
  await page.setViewportSize(phone);
  return found;
}

/** Where keyboard focus is: the element's id and its text (a text box's value); null on the page itself. */
const focusedElement = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? null : { id: el.id, text: (el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '')).trim() };
  });

describe('requester portal: accessibility', () => {
  it('WCAG 2 A/AA: the form, the ticket page with an act and the refusal dialog have no serious or critical violation, on a phone and a desktop screen', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-a11y-audit');
    const server = t!;
    const found: string[] = [];

    await page.goto(`${server.url}/portal/novosibirsk/new`);
    await page.getByRole('button', { name: 'Отправить обращение' }).waitFor();
    found.push(...(await auditAtSizes('form')));
    // The errors a person sees after an empty submit are part of the form too.
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByText('Укажите тему обращения').waitFor();
    found.push(...(await auditAtSizes('form with errors')));

    const { number, link } = await ticketWithAct(server, 'a11y@sintez-client.ru', contactsPage);
    await page.goto(link);
    await page.getByRole('heading', { name: `Обращение ${number}` }).waitFor();
    await page.getByTestId('act').first().waitFor();
    await page.waitForLoadState('networkidle');
    found.push(...(await auditAtSizes('ticket page')));
    await page.getByRole('button', { name: 'Отказать в приёмке' }).click();
    await page.getByRole('dialog').waitFor();
    found.push(...(await auditAtSizes('refusal dialog')));
    await screenshot('portal-10-a11y-refusal-dialog');

    expect(found).toEqual([]);
    expect(pageProblems).toEqual([]);
  });

  it('keyboard only: Tab reaches every control of the act and the reply box, shows where focus is, no control traps it, and focus lands on the outcome', async () => {
    if (missing) throw new Error(missing);
    keepFailure('portal-a11y-keyboard');
    const server = t!;
    const { id, number, link } = await ticketWithAct(server, 'keyboard@sintez-client.ru', contactsPage);
    await page.goto(link);
    await page.getByRole('heading', { name: `Обращение ${number}` }).waitFor();
    await page.waitForLoadState('networkidle');

    // The whole page from the top: every control of the act and the reply box is reached,
    // each shows its focus, and Tab leaves the page at the end (no trap).
    const controls = new Map([...(await controlsIn(page.getByTestId('act').first())), ...(await controlsIn(page.locator('form#reply-form')))]);
    expect(controls.size).toBeGreaterThanOrEqual(5);
    const walk = await keyboardWalk(page);
    expect(walk.left).toBe(true);
    const reached = new Set(walk.stops.map((s) => s.key));
    expect([...controls].filter(([key]) => !reached.has(key)).map(([, name]) => name)).toEqual([]);
    expect(walk.stops.filter((s) => !s.visible).map((s) => s.name)).toEqual([]);

    // The reply goes out from the keyboard alone.
    const reply = 'Отвечаю с клавиатуры: страница нужна к понедельнику.';
    await page.getByRole('textbox', { name: 'Ваше сообщение' }).focus();
    await page.keyboard.type(reply);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Сообщение отправлено.').waitFor();
    await page.getByTestId('thread').getByText(reply).waitFor();
    // Focus is back in the box, not lost with the button that was disabled while sending.
    expect(await focusedElement()).toMatchObject({ id: 'reply', text: '' });

    // The refusal form: opened with Enter, Tab goes round its own controls only (a modal
    // dialog keeps focus by design), each reached and shown; Escape closes it and focus
    // returns to the button that opened it.
    const refuse = page.getByRole('button', { name: 'Отказать в приёмке' });
    await refuse.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Причины отказа' }).waitFor();
    const inDialog = await controlsIn(dialog);
    const round = await keyboardWalk(page);
    const dialogReached = new Set(round.stops.map((s) => s.key));
    expect([...inDialog].filter(([key]) => !dialogReached.has(key)).map(([, name]) => name)).toEqual([]);
    expect(round.stops.filter((s) => !inDialog.has(s.key)).map((s) => s.name)).toEqual([]);
    expect(round.stops.filter((s) => !s.visible).map((s) => s.name)).toEqual([]);
    await page.keyboard.press('Escape');
    await eventually(() => dialog.count()).toBe(0);
    await eventually(() => refuse.evaluate((el) => el === document.activeElement)).toBe(true);

    // The refusal sent from the keyboard alone (an English browser: the date goes in as
    // month, day, year, then hours, minutes, AM/PM); focus then lands on the outcome, as the
    // act's buttons are gone.
    await page.keyboard.press('Enter');
    await dialog.getByRole('textbox', { name: 'Причины отказа' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Страница без карты проезда.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Добавить карту проезда');
    await page.keyboard.press('Tab');
    // The year takes up to six digits, so Tab moves on from it.
    await page.keyboard.type('11252026');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0600P');
    expect(await dialog.getByLabel('Срок доработки 1').inputValue()).toBe('2026-11-25T18:00');
    for (let i = 0; i < 10 && (await focusedElement())?.text !== 'Отправить отказ'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => dialog.count()).toBe(0);
    await eventually(async () => (await focusedElement())?.text).toBe('Отказ в приёмке направлен вместе с перечнем доработок.');
    expect((await readTicket(server, id)).history.at(-1)).toMatchObject({ event: 'REFUSE_ACT' });

    // The next act arrives live; approving it from the keyboard puts focus on the outcome too.
    await sendEvent(server, id, 'ISSUE_ACT', { items: ['Добавлена карта проезда'] });
    const approve = page.getByRole('button', { name: 'Утвердить акт' });
    await approve.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => (await focusedElement())?.text).toBe('Акт утверждён.');
    await eventually(() => approve.count()).toBe(0);

    expect(pageProblems).toEqual([]);
  });
});
