/**
 * The letters of the regulations (ISSUE 4 §8), rendered from each tenant's workflow file
 * with the ticket's data and kept in the outbox: what the requester (or the supervising
 * office) actually reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { rawMail } from '../intake/mail.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const unique = () => Math.random().toString(36).slice(2, 8);

interface Letter {
  ticketId: string | null;
  subject: string;
  body: string;
}

async function lettersTo(to: string): Promise<Letter[]> {
  const { outboundMessages } = await t.admin.data<{ outboundMessages: Letter[] }>(`query($to: String!) { outboundMessages(to: $to) { ticketId subject body } }`, { to });
  return outboundMessages;
}

async function mailTo(address: string, subject: string) {
  const sender = `letters-${unique()}@example.org`;
  const { receiveEmail } = await t.admin.data<{ receiveEmail: { outcome: string; ticket: { id: string; number: string } } }>(
    `mutation($raw: String!) { receiveEmail(raw: $raw) { outcome ticket { id number } } }`,
    { raw: rawMail({ from: sender, to: address, subject }) },
  );
  expect(receiveEmail.outcome).toBe('CREATED');
  return { sender, ...receiveEmail.ticket };
}

/** A Novosibirsk request with everything NSO-5 asks for: it is not answered with an info request. */
async function completeRequest(subject: string) {
  const sender = `letters-${unique()}@example.org`;
  const { createTicket } = await t.admin.data<{ createTicket: { id: string; number: string; missingFields: string[] } }>(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id number missingFields } }`,
    {
      i: {
        tenantId: 'novosibirsk', channel: 'web', kind: 'request', from: sender, subject,
        fields: { inn: '5406012345', fullName: 'Петрова Анна', occurredAt: '2026-11-23T09:30:00+07:00', description: subject, steps: 'Открыть раздел «Отчёты»', screenshots: ['screen.png'] },
      },
    },
  );
  expect(createTicket.missingFields).toEqual([]);
  return { sender, ...createTicket };
}

async function ticket(id: string) {
  const { ticket } = await t.admin.data<{ ticket: { statusCategory: string; closeReason: string | null } }>(`query($id: ID!) { ticket(id: $id) { statusCategory closeReason } }`, { id });
  return ticket;
}

async function send(id: string, type: string, data?: Record<string, unknown>) {
  await t.admin.data(`mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id } }`, { id, type, data });
}

describe('letters from the workflow files', () => {
  it('NSO-4 tells the requester the number and to cite it in a repeated request', async () => {
    const { sender, id, number } = await mailTo('gz54@krista.ru', 'Не открывается реестр контрактов');
    const [ack] = await lettersTo(sender);
    expect(ack).toMatchObject({ ticketId: id, subject: `[${number}] Обращение зарегистрировано` });
    expect(ack!.body).toContain(`под номером ${number}`);
    expect(ack!.body).toMatch(/При повторном обращении .* укажите этот номер/);
  });

  it('NSO-6 answers an incomplete mail at registration with exactly what it lacks, in Russian, warning of closure after 3 business days', async () => {
    const { sender, id, number } = await mailTo('gz54@krista.ru', 'Ошибка при входе');
    const letters = await lettersTo(sender);
    // The acknowledgement (NSO-4) first, then the request for the missing data.
    expect(letters.map((l) => l.subject)).toEqual([`[${number}] Обращение зарегистрировано`, `[${number}] Запрос дополнительных сведений`]);
    const request = letters[1]!;
    expect(request.ticketId).toBe(id);
    // The mail (a bare address, no name) gave the e-mail and the description; NSO-5 wants the rest.
    expect(request.body).toContain('просим сообщить: ИНН организации, ФИО, дата и время возникновения проблемы, последовательность действий, приведшая к ошибке, скриншот ошибки.');
    expect(request.body).not.toContain('описание проблемы');
    expect(request.body).toMatch(/3 рабочих дней/);
    expect((await ticket(id)).statusCategory).toBe('waiting_customer');
  });

  it('NSO-6 an agent asking again names the items the agent lists', async () => {
    const { sender, id, number } = await completeRequest('Ошибка');
    await send(id, 'TAKE');
    await send(id, 'REQUEST_INFO', { missing: ['inn', 'screenshots'] });
    const letters = await lettersTo(sender);
    expect(letters).toHaveLength(2);
    const request = letters[1]!;
    expect(request.subject).toBe(`[${number}] Запрос дополнительных сведений`);
    expect(request.body).toContain('просим сообщить: ИНН организации, скриншот ошибки.');
    expect(request.body).toMatch(/3 рабочих дней/);
  });

  it('NSO-7 sends the solution and says the ticket is closed, and it is', async () => {
    const { sender, id, number } = await completeRequest('Как выгрузить отчёт');
    await send(id, 'TAKE');
    await send(id, 'RESOLVE', { solution: 'Отчёт выгружается кнопкой «Экспорт» на панели.' });
    const solution = (await lettersTo(sender)).at(-1)!;
    expect(solution.subject).toBe(`[${number}] Решение по обращению`);
    expect(solution.body).toContain('Отчёт выгружается кнопкой «Экспорт» на панели.');
    expect(solution.body).toContain(`Обращение ${number} закрыто.`);
    expect(await ticket(id)).toMatchObject({ statusCategory: 'closed', closeReason: 'resolved' });
  });

  it('SIN-3 acknowledges with the TID to keep in the subject', async () => {
    const { sender, number } = await mailTo('support@sintez.info', 'Не работает модуль');
    const [ack] = await lettersTo(sender);
    expect(ack!.subject).toBe(`[${number}] Обращение принято`);
    expect(ack!.body).toContain(`идентификатор ${number}`);
  });

  it('KUR-4 acknowledges with the registration number for all further correspondence', async () => {
    const { sender, number } = await mailTo('155@krasnodar.pro', 'Не запускается ViPNet Client');
    const [ack] = await lettersTo(sender);
    expect(ack!.body).toContain(`регистрационный номер ${number}`);
    expect(ack!.body).toMatch(/дальнейшем общении/);
  });

  it('KUR-5 writes the escalation letter with every item the regulation prescribes', async () => {
    const { createTicket } = await t.admin.data<{ createTicket: { id: string; number: string } }>(
      `mutation { createTicket(input: { tenantId: "kurgan-vipnet", channel: "email", from: "it@shadrinsk.example.ru", subject: "Нет связи",
        fields: { authority: "Администрация Шадринского района", fullName: "Зайцева Нина Павловна", phone: "+7 3522 000000", description: "Нет связи с координатором" } }) { id number } }`,
    );
    await send(createTicket.id, 'TAKE');
    await send(createTicket.id, 'ESCALATE', { status: 'Ожидается ответ разработчика' });
    const [letter] = (await lettersTo('sd@kurganobl.ru')).filter((l) => l.ticketId === createTicket.id);
    expect(letter!.body.split('\n').filter(Boolean)).toEqual([
      'Наименование ОИВ (ОМСУ): Администрация Шадринского района',
      `Регистрационный номер: ${createTicket.number}`,
      'Краткое описание проблемы: Нет связи с координатором',
      'Текущее состояние решения: Ожидается ответ разработчика',
      'Контактное лицо: Зайцева Нина Павловна, телефон +7 3522 000000',
    ]);
  });

  it('TOM-2 replies to a refused mail in the tenant\'s own words', async () => {
    const sender = `tomsk-${unique()}@example.org`;
    await t.admin.data(`mutation($raw: String!) { receiveEmail(raw: $raw) { outcome } }`, {
      raw: rawMail({ from: sender, to: 'help@rostu-comp.ru', subject: 'Ошибка в отчёте' }),
    });
    const [reply] = await lettersTo(sender);
    expect(reply).toMatchObject({ ticketId: null, subject: 'Re: Ошибка в отчёте' });
    expect(reply!.body).toContain('Ваше письмо «Ошибка в отчёте» не зарегистрировано');
    expect(reply!.body).toContain('«Томская область»');
  });
});
