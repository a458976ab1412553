/**
 * SLA breaches per desk for the dashboard (issue 6 §9): the clocks that fell due unmet in a
 * period, per clock; by default the desk's current week, Monday to Monday in its own zone,
 * by the server's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestServer } from '../support/test-server.js';
import { startSlaDeskServer } from '../support/fixtures.js';

let t: TestServer;

// Monday 23.11.2026, 10:00 in Moscow (the SLA desk's zone).
beforeAll(async () => {
  t = await startSlaDeskServer();
});
afterAll(() => t?.stop());

const create = (priority: string) =>
  t.admin.data(`mutation($p: String) { createTicket(input: { tenantId: "sla-desk", channel: "email", priority: $p }) { id } }`, { p: priority });
const advance = (by: string) => t.admin.data(`mutation($by: String!) { advanceClock(by: $by) }`, { by });
const fields = 'from to timezone total byClock { clock breaches }';
const breaches = async (period = '') =>
  (await t.admin.data(`{ slaBreaches(tenantId: "sla-desk"${period}) { ${fields} } }`)).slaBreaches;

describe('SLA breaches', () => {
  it("counts this week's breaches per clock, the week running Monday to Monday in the desk's zone", async () => {
    // Due Monday 14:00 (reaction, 4 working hours) and Wednesday 10:00 (resolution, 2 bd).
    await create('normal');
    await advance('P2DT2H'); // Wednesday 12:00
    expect(await breaches()).toEqual({
      from: '2026-11-22T21:00:00.000Z',
      to: '2026-11-29T21:00:00.000Z',
      timezone: 'Europe/Moscow',
      total: 2,
      byClock: [
        { clock: 'reaction', breaches: 1 },
        { clock: 'resolution', breaches: 1 },
      ],
    });

    // Sunday 20:30: a high-priority reaction clock runs 24/7 and falls due at 00:30 Monday
    // in Moscow, still Sunday in UTC. It belongs to the new week.
    await advance('P4DT8H30M');
    await create('high');
    await advance('PT5H');
    expect(await breaches()).toMatchObject({ from: '2026-11-29T21:00:00.000Z', to: '2026-12-06T21:00:00.000Z', total: 1, byClock: [{ clock: 'reaction', breaches: 1 }] });
    expect(await breaches(', from: "2026-11-22T21:00:00Z", to: "2026-11-29T21:00:00Z"')).toMatchObject({ total: 2 });
    expect(await breaches(', from: "2026-11-23T00:00:00Z", to: "2026-11-30T00:00:00Z"')).toMatchObject({ total: 3 });
  });

  it("refuses another desk's figures and a half-given period", async () => {
    const agent = await signInAs(t, 'agent', ['tomsk']);
    expect(await agent.errorCode(`{ slaBreaches(tenantId: "sla-desk") { total } }`)).toBe('FORBIDDEN');
    expect((await agent.data(`{ slaBreaches(tenantId: "tomsk") { total timezone } }`)).slaBreaches).toEqual({ total: 0, timezone: 'Asia/Tomsk' });
    expect(await t.admin.errorCode(`{ slaBreaches(tenantId: "sla-desk", from: "2026-11-23T00:00:00Z") { total } }`)).toBe('BAD_USER_INPUT');
    expect(await t.admin.errorCode(`{ slaBreaches(tenantId: "nowhere") { total } }`)).toBe('BAD_USER_INPUT');
  });
});
