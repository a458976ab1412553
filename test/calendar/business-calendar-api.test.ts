/**
 * Business time through the API and in workflow delays: the tenant's calendar as GraphQL
 * serves it, and an `after: { 2bd }` timer that counts business days, not hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, signInAs, type TestServer } from '../support/test-server.js';
import { timerDeskSource, ticketState } from '../support/fixtures.js';

let t: TestServer;
beforeAll(async () => {
  // Friday 27.11.2026, 15:00 in Novosibirsk (UTC+7).
  t = await startTestServer({ CLOCK_START: '2026-11-27T08:00:00Z' });
});
afterAll(() => t?.stop());

const calendarQuery = `query($tenant: ID!, $from: String!, $to: String!) { businessCalendar(tenantId: $tenant, from: $from, to: $to) {
  timezone days { date businessDay dayOff holiday transferredWorkingDay shortened endsEarly intervals { start end } } } }`;
const addQuery = `query($tenant: ID!, $from: DateTime!, $d: String!) { addBusinessTime(tenantId: $tenant, from: $from, duration: $d) }`;

describe('businessCalendar', () => {
  it('shows the decree: Saturday 01.11.2025 works, 03.11 and 04.11.2025 are days off', async () => {
    const { businessCalendar } = await t.admin.data(calendarQuery, { tenant: 'novosibirsk', from: '2025-10-31', to: '2025-11-04' });
    const byDate = Object.fromEntries(businessCalendar.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate['2025-11-01']).toMatchObject({ businessDay: true, transferredWorkingDay: true });
    expect(byDate['2025-11-03']).toMatchObject({ businessDay: false, dayOff: true });
    expect(byDate['2025-11-04']).toMatchObject({ businessDay: false, holiday: true });
    // 09:00–18:00 in Novosibirsk (UTC+7) is 02:00–11:00 UTC.
    expect(byDate['2025-10-31'].intervals).toEqual([{ start: '2025-10-31T02:00:00.000Z', end: '2025-10-31T11:00:00.000Z' }]);
  });

  it('SIN-7 counts in UTC+6, and 31.12.2026 is a day off', async () => {
    const { businessCalendar } = await t.admin.data(calendarQuery, { tenant: 'sintez', from: '2026-12-30', to: '2026-12-31' });
    expect(businessCalendar.timezone).toBe('+06:00');
    expect(businessCalendar.days[0].intervals[0].start).toBe('2026-12-30T03:00:00.000Z');
    expect(businessCalendar.days[1]).toMatchObject({ date: '2026-12-31', dayOff: true, intervals: [] });
  });

  it('a shortened day ends an hour early where the tenant says so (30.04.2026)', async () => {
    const { businessCalendar } = await t.admin.data(calendarQuery, { tenant: 'tomsk', from: '2026-04-30', to: '2026-04-30' });
    // Tomsk is UTC+7: 09:00–17:00 local.
    expect(businessCalendar.days[0]).toMatchObject({ shortened: true, endsEarly: true, intervals: [{ start: '2026-04-30T02:00:00.000Z', end: '2026-04-30T10:00:00.000Z' }] });
  });

  it('a year without calendar data is BAD_USER_INPUT naming the year; another tenant is FORBIDDEN', async () => {
    const result = await t.admin.request(calendarQuery, { tenant: 'tomsk', from: '2029-01-01', to: '2029-01-02' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/2029/);
    const agent = await signInAs(t, 'agent', ['sintez']);
    expect(await agent.errorCode(calendarQuery, { tenant: 'tomsk', from: '2026-01-01', to: '2026-01-02' })).toBe('FORBIDDEN');
  });
});

describe('addBusinessTime', () => {
  it('RBT-6: 8 business hours from Friday after closing end Monday at 18:00 Moscow time', async () => {
    // Friday 20.11.2026 18:30 MSK → Monday 23.11 10:00–18:00.
    const { addBusinessTime } = await t.admin.data(addQuery, { tenant: 'rusbitech', from: '2026-11-20T15:30:00Z', d: '8bh' });
    expect(addBusinessTime).toBe('2026-11-23T15:00:00.000Z');
  });

  it('a malformed duration is BAD_USER_INPUT', async () => {
    expect(await t.admin.errorCode(addQuery, { tenant: 'rusbitech', from: '2026-11-20T15:30:00Z', d: 'soon' })).toBe('BAD_USER_INPUT');
  });
});

describe('business-time delays in a workflow', () => {
  it('after: 2bd from a Friday afternoon falls due on Tuesday at the same working moment, not 48 hours later', async () => {
    const source = timerDeskSource.replace('        2h:\n', '        2bd:\n');
    await t.admin.data(`mutation($s: String!) { publishWorkflow(tenantId: "timer-desk", source: $s) { version } }`, { s: source });
    const { createTicket } = await t.admin.data(`mutation { createTicket(input: { tenantId: "timer-desk", channel: "email" }) { id } }`);
    for (const type of ['TAKE', 'RESOLVE']) {
      await t.admin.data(`mutation($id: ID!, $t: String!) { sendTicketEvent(ticketId: $id, type: $t) { id } }`, { id: createTicket.id, t: type });
    }
    // Friday 15:00 + 2bd = Tuesday 01.12.2026 15:00 local (08:00 UTC): 3 days 23:59 later it still waits.
    await t.admin.data(`mutation { advanceClock(by: "P3DT23H59M") }`);
    expect((await ticketState(t.admin, createTicket.id)).statusCategory).toBe('resolved');
    const { advanceClock } = await t.admin.data(`mutation { advanceClock(by: "PT1M") }`);
    expect(advanceClock).toBe('2026-12-01T08:00:00.000Z');
    expect((await ticketState(t.admin, createTicket.id)).statusCategory).toBe('closed');
  });
});
