import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileWorkflow,
  loadWorkflowDir,
  parseWorkflowSource,
  renderNumber,
  requiredFieldsFor,
  type CompiledWorkflow,
  type OrganizationFacts,
  type StoredSnapshot,
  type WorkflowStep,
} from '../../server/src/workflow/index.js';
import { businessCalendarOf, businessDelayResolver, type BusinessCalendar } from '../../server/src/calendar/index.js';
import { validatedEventData } from '../../server/src/tickets/event-data.js';
import { ru } from '../calendar/calendar.helpers.js';
import { definitionOf, readShipped, SHIPPED_TENANTS, workflowsDir } from './workflow.helpers.js';

const HOUR = 3600_000;
/** Monday 2026-11-23, 10:00 in Novosibirsk and Tomsk (UTC+7): a working moment of both desks. */
const MONDAY = Date.parse('2026-11-23T03:00:00Z');

/**
 * A shipped file compiled as the server compiles it: business delays (`3bd`, `eobd`) on the
 * tenant's own calendar, at the product clock `clock.now` (tests move it).
 */
function shipped(tenant: string, clock = { now: MONDAY }): { workflow: CompiledWorkflow; calendar: BusinessCalendar; clock: { now: number } } {
  const definition = definitionOf(readShipped(tenant));
  const calendar = businessCalendarOf(definition.calendar, definition.tenant.timezone, ru);
  const workflow = compileWorkflow(definition, { resolveDelay: businessDelayResolver(calendar), now: () => clock.now });
  return { workflow, calendar, clock };
}

/** A value for every field any kind of the tenant requires, so every guard passes. */
function completeFields(workflow: CompiledWorkflow): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const kind of Object.values(workflow.definition.kinds)) {
    for (const field of kind.requiredFields) {
      fields[field] = field === 'screenshots' ? ['screen.png'] : `${field} value`;
    }
  }
  return fields;
}

function effectTypes(step: WorkflowStep): string[] {
  return step.effects.map((e) => `${e.type}:${String(e.params.template ?? e.params.text ?? '')}`);
}

interface Move {
  event: string;
  data?: Record<string, unknown>;
  state: string;
  category: string;
  /** The effects the step must produce (`notify:<template>`, `recordNote:`, ...); none if omitted. */
  effects?: string[];
  /** The delays (ms) of the timers the step schedules; none if omitted. */
  timers?: number[];
  check?: (step: WorkflowStep) => void;
}

/**
 * Sends each event in turn: it must be offered, taken, and lead to the state, category,
 * effects and timers given.
 */
function walk(workflow: CompiledWorkflow, from: StoredSnapshot, moves: Move[]): WorkflowStep {
  let step: WorkflowStep | undefined;
  let snapshot = from;
  for (const move of moves) {
    const where = `${move.event} from ${workflow.stateName(snapshot)}`;
    expect(workflow.availableEvents(snapshot), where).toContain(move.event);
    step = workflow.applyEvent(snapshot, { type: move.event, data: move.data });
    expect(step.changed, where).toBe(true);
    expect(step.state, where).toBe(move.state);
    expect(step.statusCategory, where).toBe(move.category);
    expect(effectTypes(step), where).toEqual(move.effects ?? []);
    expect(step.timers.map((t) => t.delayMs), where).toEqual(move.timers ?? []);
    move.check?.(step);
    snapshot = step.snapshot;
  }
  return step!;
}

/** What the server answers for the event's data (`events.<E>.data` of the file), before the machine sees it. */
function dataRefusal(workflow: CompiledWorkflow, calendar: BusinessCalendar, event: string, data: Record<string, unknown>): unknown {
  const rules = workflow.definition.events[event]?.data;
  if (!rules) return 'no data rules';
  try {
    validatedEventData(rules, data, { context: {}, createdAt: new Date(MONDAY), calendar, now: MONDAY });
    return 'accepted';
  } catch (error) {
    const { code, extensions } = error as { code?: string; extensions?: { fields?: string[] } };
    return { code, fields: extensions?.fields };
  }
}

describe('shipped workflow files', () => {
  it('are exactly the five tenants of RULES.md, each valid', async () => {
    const results = await loadWorkflowDir(workflowsDir);
    expect(results.map((r) => path.basename(r.file)).sort()).toEqual(SHIPPED_TENANTS.map((t) => `${t}.yaml`).sort());
    for (const result of results) {
      expect(result.ok ? [] : result.problems, result.file).toEqual([]);
      if (result.ok) expect(`${result.definition.tenant.id}.yaml`).toBe(path.basename(result.file));
    }
  });

  it('hash is the sha256 of the source, so an unchanged file is not republished', () => {
    const source = readShipped('tomsk');
    const first = parseWorkflowSource(source, 'tomsk.yaml');
    const again = parseWorkflowSource(source, 'elsewhere/tomsk.yaml');
    const edited = parseWorkflowSource(source + '\n# a comment\n', 'tomsk.yaml');
    expect(first.ok && again.ok && edited.ok).toBe(true);
    if (first.ok && again.ok && edited.ok) {
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(again.hash).toBe(first.hash);
      expect(edited.hash).not.toBe(first.hash);
    }
  });

  it.each([
    ['novosibirsk', 'Asia/Novosibirsk'],
    ['tomsk', 'Asia/Tomsk'],
    ['kurgan-vipnet', 'Asia/Yekaterinburg'],
    ['rusbitech', 'Europe/Moscow'],
    ['sintez', '+06:00'],
  ])('%s runs in its regulation time zone %s', (tenant, timezone) => {
    expect(definitionOf(readShipped(tenant)).tenant.timezone).toBe(timezone);
  });

  describe.each(SHIPPED_TENANTS)('%s', (tenant) => {
    const { workflow, calendar } = shipped(tenant);

    it('registers a complete request as new and only acknowledges it', () => {
      const created = workflow.initialSnapshot({ fields: completeFields(workflow), kind: Object.keys(workflow.definition.kinds)[0] ?? null });
      expect(created.state).toBe('new');
      expect(created.statusCategory).toBe('new');
      expect(effectTypes(created)).toEqual(['notify:registered']);
      expect(created.timers).toEqual([]);
      expect(workflow.missingFields(created.snapshot)).toEqual([]);
      expect(workflow.availableEvents(created.snapshot)).toContain('TAKE');
    });

    it('closes a new ticket only with a close reason, and keeps that reason', () => {
      const { snapshot } = workflow.initialSnapshot({ fields: completeFields(workflow), kind: null });
      // An unsolved ticket closes only with a reason (guard eventHas); a solved one keeps
      // `resolved` and closes without one.
      expect(workflow.applyEvent(snapshot, { type: 'CLOSE' }).changed).toBe(false);
      expect(workflow.applyEvent(snapshot, { type: 'CLOSE', data: { reason: '  ' } }).changed).toBe(false);
      expect(dataRefusal(workflow, calendar, 'CLOSE', { reason: 42 })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.reason'] });
      expect(dataRefusal(workflow, calendar, 'CLOSE', { reason: 'duplicate' })).not.toHaveProperty('code');
      const closed = workflow.applyEvent(snapshot, { type: 'CLOSE', data: { reason: 'duplicate' } });
      expect(closed.state).toBe('closed');
      expect(closed.statusCategory).toBe('closed');
      expect(closed.snapshot.context.closeReason).toBe('duplicate');
    });

    it('declares every event it uses, with a Russian title and its actors', () => {
      for (const [type, event] of Object.entries(workflow.definition.events)) {
        expect(event.title, type).toMatch(/[А-Яа-яЁё]/);
        expect(event.actors.length, type).toBeGreaterThan(0);
      }
    });
  });

  describe.each(['tomsk', 'kurgan-vipnet', 'rusbitech', 'sintez'])('%s: the life cycle with a resolved state', (tenant) => {
    const { workflow } = shipped(tenant);
    // TOM-6: Tomsk's resolved state closes itself 2 bd later (Monday 10:00 → Wednesday 10:00).
    const resolvedTimers = tenant === 'tomsk' ? [48 * HOUR] : [];
    const confirm = tenant === 'kurgan-vipnet' ? 'CLOSE' : 'CONFIRM';

    it(`takes, asks, gets info, resolves, reopens, resolves again and ${confirm === 'CONFIRM' ? 'is confirmed' : 'is closed'}`, () => {
      const fields = completeFields(workflow);
      const created = workflow.initialSnapshot({ fields, kind: Object.keys(workflow.definition.kinds)[0] ?? null });
      const last = walk(workflow, created.snapshot, [
        { event: 'TAKE', state: 'open', category: 'open' },
        { event: 'REQUEST_INFO', data: { missing: ['screenshots'] }, state: 'waiting_customer', category: 'waiting_customer', effects: ['notify:info_request'] },
        {
          event: 'PROVIDE_INFO', data: { fields: { video: 'clip.mp4' } }, state: 'open', category: 'open',
          check: (step) => expect(step.snapshot.context.fields).toEqual({ ...fields, video: 'clip.mp4' }),
        },
        {
          event: 'RESOLVE', data: { solution: 'done' }, state: 'resolved', category: 'resolved', effects: ['notify:solution'], timers: resolvedTimers,
          check: (step) => expect(step.snapshot.context.closeReason).toBe('resolved'),
        },
        {
          event: 'REOPEN', state: 'open', category: 'open',
          check: (step) => {
            expect(step.snapshot.context.closeReason).toBeNull();
            expect(step.cancelledTimers).toHaveLength(tenant === 'tomsk' ? 1 : 0);
          },
        },
        { event: 'RESOLVE', data: { solution: 'done again' }, state: 'resolved', category: 'resolved', effects: ['notify:solution'], timers: resolvedTimers },
        { event: confirm, state: 'closed', category: 'closed', check: (step) => expect(step.cancelledTimers).toHaveLength(tenant === 'tomsk' ? 1 : 0) },
      ]);
      // The ticket is closed for good, as solved.
      expect(last.snapshot.status).toBe('done');
      expect(last.snapshot.context.closeReason).toBe('resolved');
      expect(workflow.availableEvents(last.snapshot)).toEqual([]);
      expect(workflow.applyEvent(last.snapshot, { type: 'REOPEN' }).changed).toBe(false);
    });
  });

  describe.each(['novosibirsk', 'rusbitech', 'sintez'])('%s', (tenant) => {
    const { workflow, calendar } = shipped(tenant);

    it('refuses a solution without its text: the server answers BAD_USER_INPUT naming data.solution', () => {
      expect(dataRefusal(workflow, calendar, 'RESOLVE', {})).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.solution'] });
      expect(dataRefusal(workflow, calendar, 'RESOLVE', { solution: 42 })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.solution'] });
      expect(dataRefusal(workflow, calendar, 'RESOLVE', { solution: 'Исправлено' })).toBe('accepted');
    });
  });

  describe('novosibirsk', () => {
    const { workflow } = shipped('novosibirsk');
    /** A mail with a name and a description only (NSO-5 wants more). */
    const incomplete = { fullName: 'Иванов И. И.', description: 'ошибка', email: 'ivanov@example.org' };

    it('NSO-2 sets the audience by the receiving mailbox', () => {
      const mailboxes = workflow.definition.channels.filter((c) => c.kind === 'email').map((c) => [c.address, c.audience]);
      expect(mailboxes).toEqual([
        ['gz54@krista.ru', 'customer'],
        ['mz154@krista.ru', 'municipal'],
      ]);
      const phones = workflow.definition.channels.filter((c) => c.kind === 'phone');
      expect(phones.map((c) => [c.audience, c.hours])).toEqual([
        ['customer', '09:00-18:00'],
        ['municipal', '09:00-18:00'],
      ]);
    });

    it('NSO-4 numbers tickets like the regulation example Ticket#2026112110000426', () => {
      const { numbering } = workflow.definition;
      expect(numbering.reset).toBe('daily');
      expect(renderNumber(numbering, { year: 2026, month: 11, day: 21 }, 42)).toBe('Ticket#2026112110000426');
    });

    it('NSO-5 requires INN, full name, time, description, steps and a screenshot', () => {
      expect(requiredFieldsFor(workflow.definition.kinds, 'request')).toEqual([
        'inn',
        'fullName',
        'occurredAt',
        'description',
        'steps',
        'screenshots',
      ]);
    });

    it('NSO-6 an incomplete request is acknowledged (NSO-4), asked at once for what it lacks, and waits for the customer', () => {
      const created = workflow.initialSnapshot({ fields: incomplete, kind: 'request' });
      expect(workflow.missingFields(created.snapshot)).toEqual(['inn', 'occurredAt', 'steps', 'screenshots']);
      expect(created.state).toBe('waiting_customer');
      expect(created.statusCategory).toBe('waiting_customer');
      expect(effectTypes(created)).toEqual(['notify:registered', 'notify:info_request']);
      expect(workflow.availableEvents(created.snapshot)).toEqual(['PROVIDE_INFO', 'NAME_DATE', 'COMPLAIN', 'CLOSE']);
      // NSO-10: unanswered, it closes 3 bd later: Monday 10:00 → Thursday 10:00.
      expect(created.timers).toEqual([expect.objectContaining({ delayMs: 72 * HOUR })]);
    });

    it('NSO-10 with neither the information nor a named date, the ticket closes as stale and the customer is told', () => {
      const created = workflow.initialSnapshot({ fields: incomplete, kind: 'request' });
      const stale = workflow.applyEvent(created.snapshot, created.timers[0]!.event);
      expect(stale).toMatchObject({ changed: true, state: 'closed', statusCategory: 'closed' });
      expect(stale.snapshot.context.closeReason).toBe('stale');
      expect(effectTypes(stale)).toEqual(['notify:stale']);
      // NSO-8: a repeated request is a new ticket; this one takes nothing but a complaint (NSO-12).
      expect(workflow.availableEvents(stale.snapshot)).toEqual(['COMPLAIN']);
    });

    it('NSO-10 a named date replaces the 3 bd; NSO-6/NSO-9 the information brings the ticket back into work and is stamped', () => {
      const clock = { now: MONDAY };
      const { workflow } = shipped('novosibirsk', clock);
      const created = workflow.initialSnapshot({ fields: incomplete, kind: 'request' });
      const staleTimer = created.timers[0]!;
      clock.now = Date.parse('2026-11-24T03:00:00Z'); // Tuesday 10:00
      const named = walk(workflow, created.snapshot, [
        {
          event: 'NAME_DATE', data: { date: '2026-12-01T05:00:00.000Z' }, state: 'waiting_customer', category: 'waiting_customer', timers: [170 * HOUR],
          check: (step) => {
            expect(step.snapshot.context.infoDueAt).toBe('2026-12-01T05:00:00.000Z');
            // The 3 bd timer is replaced by one at the named date: 7 days and 2 hours from now.
            expect(step.cancelledTimers).toEqual([staleTimer.id]);
            expect(step.timers).toEqual([{ ...staleTimer, delayMs: 170 * HOUR }]);
          },
        },
      ]);
      clock.now = Date.parse('2026-11-25T03:00:00Z'); // Wednesday 10:00
      const given = { inn: '5406012345', occurredAt: '2026-11-20T10:00:00+07:00', steps: 'Открыть реестр', screenshots: ['screen.png'] };
      walk(workflow, named.snapshot, [
        {
          event: 'PROVIDE_INFO', data: { fields: given }, state: 'open', category: 'open',
          check: (step) => {
            expect(step.snapshot.context.fields).toEqual({ ...incomplete, ...given });
            expect(workflow.missingFields(step.snapshot)).toEqual([]);
            // NSO-9: the 5 bd of a final answer count from here; the named date is spent.
            expect(step.snapshot.context).toMatchObject({ infoReceivedAt: '2026-11-25T03:00:00.000Z', infoDueAt: null });
            expect(step.cancelledTimers).toEqual([staleTimer.id]);
          },
        },
      ]);
    });

    it('NSO-9, NSO-11, NSO-7 a complete request is taken, asked again, promised, helped remotely and resolved, which closes it', () => {
      const { workflow } = shipped('novosibirsk');
      const created = workflow.initialSnapshot({ fields: completeFields(workflow), kind: 'request' });
      expect(created.state).toBe('new');
      const finalDueAt = '2026-11-27T08:00:00.000Z';
      const last = walk(workflow, created.snapshot, [
        { event: 'TAKE', state: 'open', category: 'open' },
        {
          event: 'REQUEST_INFO', data: { missing: ['video'] }, state: 'waiting_customer', category: 'waiting_customer', effects: ['notify:info_request'], timers: [72 * HOUR],
        },
        {
          event: 'PROVIDE_INFO', data: { fields: { video: 'clip.mp4' } }, state: 'open', category: 'open',
          check: (step) => {
            expect(step.snapshot.context.fields).toMatchObject({ video: 'clip.mp4' });
            expect(step.snapshot.context.infoReceivedAt).toBe(new Date(MONDAY).toISOString());
            expect(step.cancelledTimers).toHaveLength(1);
          },
        },
        {
          event: 'PROMISE', data: { finalDueAt, text: 'Требуется проверка на стороне разработчика.' }, state: 'promised', category: 'open', effects: ['notify:preliminary'],
          check: (step) => expect(step.snapshot.context.finalDueAt).toBe(finalDueAt),
        },
        { event: 'REMOTE_SESSION', data: { note: 'Подключились, проверили настройки подписи' }, state: 'promised', category: 'open', effects: ['recordNote:'] },
        {
          event: 'RESOLVE', data: { solution: 'Переустановлен сертификат' }, state: 'closed', category: 'closed', effects: ['notify:solution'],
          check: (step) => expect(step.snapshot.context.closeReason).toBe('resolved'),
        },
      ]);
      // NSO-7: the solution closes the ticket; there is no resolved state to come back from.
      const tags = Object.values(workflow.definition.machine.states).flatMap((node) => node.tags ?? []);
      expect(tags).not.toContain('resolved');
      expect(workflow.eventTypes).not.toContain('REOPEN');
      for (const type of ['TAKE', 'PROVIDE_INFO', 'RESOLVE', 'CLOSE']) {
        expect(workflow.applyEvent(last.snapshot, { type, data: { solution: 'ещё', reason: 'ещё' } }).changed, type).toBe(false);
      }
      expect(last.snapshot.context.closeReason).toBe('resolved');
    });

    it('NSO-12 a complaint is recorded in every state, a closed ticket\'s too, and moves nothing', () => {
      const complete = workflow.initialSnapshot({ fields: completeFields(workflow), kind: 'request' });
      const waiting = workflow.initialSnapshot({ fields: incomplete, kind: 'request' });
      const open = workflow.applyEvent(complete.snapshot, { type: 'TAKE' });
      const promised = workflow.applyEvent(open.snapshot, { type: 'PROMISE', data: { finalDueAt: '2026-11-27T08:00:00.000Z' } });
      const closed = workflow.applyEvent(open.snapshot, { type: 'CLOSE', data: { reason: 'duplicate' } });
      // Closed is not final: the machine still listens.
      expect(closed.snapshot.status).toBe('active');
      for (const step of [complete, waiting, open, promised, closed]) {
        walk(workflow, step.snapshot, [
          {
            event: 'COMPLAIN', data: { text: 'Нарушен срок ответа' }, state: step.state, category: step.statusCategory, effects: ['recordComplaint:'],
            // The stale timer of a waiting ticket is left as it was.
            check: (after) => {
              expect(after.cancelledTimers).toEqual([]);
              expect(after.snapshot.context).toEqual(step.snapshot.context);
            },
          },
        ]);
      }
    });
  });

  it('TOM-6 a solution can be returned to work within 2 bd; then the ticket closes for good (reopen_window_expired)', () => {
    const clock = { now: Date.parse('2026-11-27T08:00:00Z') }; // Friday 15:00 in Tomsk
    const { workflow } = shipped('tomsk', clock);
    const created = workflow.initialSnapshot({ fields: completeFields(workflow), kind: 'error' });
    const resolved = walk(workflow, created.snapshot, [
      { event: 'TAKE', state: 'open', category: 'open' },
      {
        // 2 bd from Friday 15:00 is Tuesday 15:00: the weekend does not count.
        event: 'RESOLVE', data: { solution: 'Справочник обновлён' }, state: 'resolved', category: 'resolved', effects: ['notify:solution'], timers: [96 * HOUR],
      },
    ]);
    expect(workflow.availableEvents(resolved.snapshot)).toEqual(['REOPEN', 'CONFIRM', 'CLOSE']);
    const expired = workflow.applyEvent(resolved.snapshot, resolved.timers[0]!.event);
    expect(expired).toMatchObject({ changed: true, state: 'closed', statusCategory: 'closed' });
    expect(expired.snapshot.context.closeReason).toBe('reopen_window_expired');
    expect(expired.snapshot.status).toBe('done');
    expect(workflow.applyEvent(expired.snapshot, { type: 'REOPEN' }).changed).toBe(false);
  });

  it('TOM-2 registers a mail to the shared mailbox only with «Томская область» in the subject', () => {
    const email = definitionOf(readShipped('tomsk')).channels.find((c) => c.kind === 'email');
    expect(email?.address).toBe('help@rostu-comp.ru');
    expect(email?.routing?.subjectContains).toBe('Томская область');
  });

  it('TOM-4 and TOM-5 give consultations and errors their own required fields', () => {
    const { kinds } = definitionOf(readShipped('tomsk'));
    expect(Object.keys(kinds)).toEqual(['consultation', 'error']);
    expect(kinds.error?.requiredFields).toContain('entityPath');
    expect(kinds.consultation?.requiredFields).not.toContain('entityPath');
  });

  it('KUR-3 requires the authority, full name, phone, email and description', () => {
    const { kinds } = definitionOf(readShipped('kurgan-vipnet'));
    expect(kinds.incident?.requiredFields).toEqual(['authority', 'fullName', 'phone', 'email', 'description']);
  });

  it('KUR-5 escalation sends the letter to УИТ ПКО and records it, leaving the ticket in work', () => {
    const { workflow } = shipped('kurgan-vipnet');
    const fields = completeFields(workflow);
    const open = workflow.applyEvent(workflow.initialSnapshot({ fields, kind: 'incident' }).snapshot, { type: 'TAKE' });
    const escalated = workflow.applyEvent(open.snapshot, { type: 'ESCALATE', data: { status: 'ждём оборудование' } });
    expect(escalated.changed).toBe(true);
    expect(workflow.stateName(escalated.snapshot)).toBe('open');
    expect(escalated.effects).toEqual([
      { type: 'notify', params: { template: 'escalation', to: 'sd@kurganobl.ru' } },
      { type: 'recordNote', params: { text: 'Эскалировано в УИТ ПКО (sd@kurganobl.ru)' } },
    ]);
  });

  it('KUR-4 gives a yearly registration number', () => {
    const { numbering } = definitionOf(readShipped('kurgan-vipnet'));
    expect(renderNumber(numbering, { year: 2026, month: 3, day: 1 }, 42)).toBe('КУР-2026-00042');
  });

  it('RBT-4 offers the five service categories and RBT-9 a hand-off to development', () => {
    const { workflow } = shipped('rusbitech');
    expect(Object.keys(workflow.definition.kinds)).toHaveLength(5);
    const open = workflow.applyEvent(workflow.initialSnapshot({ fields: {}, kind: 'errors' }).snapshot, { type: 'TAKE' });
    const handed = workflow.applyEvent(open.snapshot, { type: 'HANDOFF_DEV' });
    expect(workflow.stateName(handed.snapshot)).toBe('in_development');
    expect(workflow.statusCategory(handed.snapshot)).toBe('open');
    expect(workflow.availableEvents(handed.snapshot)).toEqual(['TAKE', 'RESOLVE']);
  });

  it('RBT-1 a ticket of an organisation without a valid contract is registered, refused with the reason and closed at once', () => {
    const { workflow } = shipped('rusbitech');
    const fields = completeFields(workflow);
    const organization = (contract: OrganizationFacts['contract']): OrganizationFacts => ({ id: '00000000-0000-4000-8000-000000000001', name: 'В/ч 00000', serviceLevel: null, contract, slaTargets: null });
    for (const contract of ['expired', 'none'] as const) {
      const created = workflow.initialSnapshot({ fields, kind: 'operation', organization: organization(contract) });
      expect(created, contract).toMatchObject({ state: 'closed', statusCategory: 'closed' });
      expect(created.snapshot.context.closeReason, contract).toBe('no_contract');
      expect(effectTypes(created), contract).toEqual(['notify:registered', 'notify:no_contract']);
      expect(workflow.availableEvents(created.snapshot), contract).toEqual([]);
    }
    // A valid contract, or no organisation matched at all: the ticket waits to be taken.
    for (const matched of [organization('valid'), null]) {
      const created = workflow.initialSnapshot({ fields, kind: 'operation', organization: matched });
      expect(created.state).toBe('new');
      expect(created.snapshot.context.closeReason).toBeNull();
      expect(effectTypes(created)).toEqual(['notify:registered']);
    }
  });

  it('SIN-1 marks only email and the support site as official channels', () => {
    const { channels } = definitionOf(readShipped('sintez'));
    expect(channels.map((c) => [c.kind, c.official])).toEqual([
      ['email', true],
      ['web', true],
      ['telegram', false],
      ['phone', false],
    ]);
  });

  it('SIN-4 gives every request a TID', () => {
    const { numbering } = definitionOf(readShipped('sintez'));
    expect(renderNumber(numbering, { year: 2026, month: 11, day: 21 }, 123)).toBe('TID26000123');
  });

  describe('sintez', () => {
    const { calendar } = shipped('sintez');

    it('SIN-5 postpones a request only with one of the regulation\'s reasons, keeps the reason, and resumes or closes it', () => {
      const { workflow } = shipped('sintez');
      expect(dataRefusal(workflow, calendar, 'POSTPONE', {})).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.reason'] });
      expect(dataRefusal(workflow, calendar, 'POSTPONE', { reason: 'too_busy' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.reason'] });
      for (const reason of ['insufficient_info', 'out_of_scope', 'incorrect_question']) {
        expect(dataRefusal(workflow, calendar, 'POSTPONE', { reason }), reason).toBe('accepted');
      }
      const created = workflow.initialSnapshot({ fields: completeFields(workflow), kind: 'change' });
      walk(workflow, created.snapshot, [
        { event: 'TAKE', state: 'open', category: 'open' },
        // The reason is kept while postponed, apart from the close reason: the ticket is not closed.
        { event: 'POSTPONE', data: { reason: 'insufficient_info' }, state: 'postponed', category: 'open', check: (step) => expect(step.snapshot.context).toMatchObject({ postponedFor: 'insufficient_info', closeReason: null }) },
        { event: 'TAKE', state: 'open', category: 'open', check: (step) => expect(step.snapshot.context.postponedFor).toBeNull() },
        { event: 'POSTPONE', data: { reason: 'out_of_scope' }, state: 'postponed', category: 'open' },
        { event: 'CLOSE', data: { reason: 'out_of_scope' }, state: 'closed', category: 'closed', check: (step) => expect(step.snapshot.context.closeReason).toBe('out_of_scope') },
      ]);
    });

    it('SIN-9, SIN-10 finished work gets an act; a motivated refusal lists the rework with its deadlines; a new act is approved and closes the ticket', () => {
      const clock = { now: MONDAY };
      const { workflow } = shipped('sintez', clock);
      // A refusal needs its reasons and the rework items (SIN-10).
      expect(dataRefusal(workflow, calendar, 'REFUSE_ACT', { items: [{ what: 'x' }] })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.reasons'] });
      expect(dataRefusal(workflow, calendar, 'REFUSE_ACT', { reasons: 'Форма не отправляет письма' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.items'] });
      const created = workflow.initialSnapshot({ fields: completeFields(workflow), kind: 'change' });
      const threeDays = [72 * HOUR];
      const issued = walk(workflow, created.snapshot, [
        { event: 'TAKE', state: 'open', category: 'open' },
        { event: 'ISSUE_ACT', data: { items: ['Обновлён раздел «Контакты»'] }, state: 'awaiting_acceptance', category: 'resolved', effects: ['notify:act_issued'], timers: threeDays },
      ]);
      expect(issued.snapshot.context.acts).toEqual([
        { n: 1, kind: 'acceptance', status: 'issued', issuedAt: '2026-11-23T03:00:00.000Z', dueAt: '2026-11-26T03:00:00.000Z', answeredAt: null, items: [{ what: 'Обновлён раздел «Контакты»', dueAt: null }], reasons: null },
      ]);
      expect(workflow.availableEvents(issued.snapshot)).toEqual(['APPROVE_ACT', 'REFUSE_ACT']);

      clock.now = Date.parse('2026-11-24T03:00:00Z');
      const rework = walk(workflow, issued.snapshot, [
        {
          event: 'REFUSE_ACT', data: { reasons: 'Форма не отправляет письма', items: [{ what: 'Починить форму', dueAt: '2026-11-27T12:00:00Z' }] }, state: 'rework', category: 'open',
          check: (step) => expect(step.cancelledTimers).toEqual([issued.timers[0]!.id]),
        },
      ]);
      expect(rework.snapshot.context.acts).toMatchObject([
        { n: 1, kind: 'acceptance', status: 'refused', answeredAt: '2026-11-24T03:00:00.000Z', reasons: 'Форма не отправляет письма' },
        { n: 2, kind: 'rework', status: 'agreed', items: [{ what: 'Починить форму', dueAt: '2026-11-27T12:00:00.000Z' }] },
      ]);

      clock.now = Date.parse('2026-11-26T03:00:00Z');
      const approved = walk(workflow, rework.snapshot, [
        { event: 'ISSUE_ACT', data: { items: ['Форма отправляет письма'] }, state: 'awaiting_acceptance', category: 'resolved', effects: ['notify:act_issued'], timers: threeDays },
        { event: 'APPROVE_ACT', state: 'closed', category: 'closed', check: (step) => expect(step.cancelledTimers).toHaveLength(1) },
      ]);
      expect(approved.snapshot.context.closeReason).toBe('resolved');
      expect(approved.snapshot.context.acts).toMatchObject([{ status: 'refused' }, { status: 'agreed' }, { n: 3, kind: 'acceptance', status: 'approved', answeredAt: '2026-11-26T03:00:00.000Z' }]);
      expect(approved.snapshot.status).toBe('done');
    });

    it('SIN-9 an act left unanswered for 3 days is flagged overdue and still waits for the customer', () => {
      const clock = { now: MONDAY };
      const { workflow } = shipped('sintez', clock);
      const created = workflow.initialSnapshot({ fields: completeFields(workflow), kind: 'problem' });
      const issued = walk(workflow, created.snapshot, [
        { event: 'TAKE', state: 'open', category: 'open' },
        { event: 'ISSUE_ACT', data: { items: ['Исправлена вёрстка'] }, state: 'awaiting_acceptance', category: 'resolved', effects: ['notify:act_issued'], timers: [72 * HOUR] },
      ]);
      clock.now = MONDAY + 72 * HOUR;
      const overdue = workflow.applyEvent(issued.snapshot, issued.timers[0]!.event);
      expect(overdue).toMatchObject({ changed: true, state: 'awaiting_acceptance', statusCategory: 'resolved' });
      expect(overdue.snapshot.context.acts).toMatchObject([{ n: 1, status: 'overdue', answeredAt: null }]);
      expect(workflow.availableEvents(overdue.snapshot)).toEqual(['APPROVE_ACT', 'REFUSE_ACT']);
    });
  });
});
