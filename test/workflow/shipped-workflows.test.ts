import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileWorkflow,
  loadWorkflowDir,
  parseWorkflowSource,
  renderNumber,
  requiredFieldsFor,
  type CompiledWorkflow,
  type WorkflowStep,
} from '../../server/src/workflow/index.js';
import { definitionOf, readShipped, SHIPPED_TENANTS, workflowsDir } from './workflow.helpers.js';

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

  describe.each(SHIPPED_TENANTS)('%s: the full happy path through applyEvent', (tenant) => {
    const workflow = compileWorkflow(definitionOf(readShipped(tenant)));

    it('registers, takes, asks, gets info, resolves, reopens, resolves and closes', () => {
      const kind = Object.keys(workflow.definition.kinds)[0] ?? null;
      const fields = completeFields(workflow);
      const created = workflow.initialSnapshot({ fields, kind });
      expect(workflow.stateName(created.snapshot)).toBe('new');
      expect(workflow.statusCategory(created.snapshot)).toBe('new');
      expect(effectTypes(created)).toEqual(['notify:registered']);
      expect(workflow.missingFields(created.snapshot)).toEqual([]);

      const walk: Array<[string, Record<string, unknown> | undefined, string, string]> = [
        ['TAKE', undefined, 'open', 'open'],
        ['REQUEST_INFO', { missing: 'screenshots' }, 'waiting_customer', 'waiting_customer'],
        ['PROVIDE_INFO', { fields: { video: 'clip.mp4' } }, 'open', 'open'],
        ['RESOLVE', { solution: 'done' }, 'resolved', 'resolved'],
        ['REOPEN', undefined, 'open', 'open'],
        ['RESOLVE', { solution: 'done again' }, 'resolved', 'resolved'],
        ['CLOSE', undefined, 'closed', 'closed'],
      ];
      let snapshot = created.snapshot;
      for (const [type, data, state, category] of walk) {
        expect(workflow.availableEvents(snapshot), `${type} from ${workflow.stateName(snapshot)}`).toContain(type);
        const step = workflow.applyEvent(snapshot, { type, data });
        expect(step.changed, type).toBe(true);
        expect(workflow.stateName(step.snapshot), type).toBe(state);
        expect(workflow.statusCategory(step.snapshot), type).toBe(category);
        expect(step.timers).toEqual([]);
        snapshot = step.snapshot;
        if (type === 'PROVIDE_INFO') expect(snapshot.context.fields).toMatchObject({ ...fields, video: 'clip.mp4' });
        if (type === 'REQUEST_INFO') expect(effectTypes(step)).toEqual(['notify:info_request']);
        if (type === 'RESOLVE') {
          expect(effectTypes(step)).toEqual(['notify:solution']);
          expect(snapshot.context.closeReason).toBe('resolved');
        }
        if (type === 'REOPEN') expect(snapshot.context.closeReason).toBeNull();
      }
      expect(snapshot.status).toBe('done');
      expect(snapshot.context.closeReason).toBe('resolved');
      expect(workflow.availableEvents(snapshot)).toEqual([]);
      expect(workflow.applyEvent(snapshot, { type: 'REOPEN' }).changed).toBe(false);
    });

    it('closes a new ticket only with a close reason', () => {
      const { snapshot } = workflow.initialSnapshot({ fields: completeFields(workflow), kind: null });
      expect(workflow.applyEvent(snapshot, { type: 'CLOSE' }).changed).toBe(false);
      const closed = workflow.applyEvent(snapshot, { type: 'CLOSE', data: { reason: 'duplicate' } });
      expect(workflow.stateName(closed.snapshot)).toBe('closed');
      expect(closed.snapshot.context.closeReason).toBe('duplicate');
    });

    it('declares every event it uses, with a Russian title and its actors', () => {
      for (const [type, event] of Object.entries(workflow.definition.events)) {
        expect(event.title, type).toMatch(/[А-Яа-яЁё]/);
        expect(event.actors.length, type).toBeGreaterThan(0);
      }
    });
  });

  describe('novosibirsk', () => {
    const workflow = compileWorkflow(definitionOf(readShipped('novosibirsk')));

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

    it('NSO-5/NSO-6 an incomplete request lists its gaps and can be asked for the missing data', () => {
      const created = workflow.initialSnapshot({ fields: { fullName: 'Иванов И. И.', description: 'ошибка' }, kind: 'request' });
      expect(workflow.missingFields(created.snapshot)).toEqual(['inn', 'occurredAt', 'steps', 'screenshots']);
      expect(workflow.availableEvents(created.snapshot)).toEqual(['TAKE', 'REQUEST_INFO', 'CLOSE']);
      const asked = workflow.applyEvent(created.snapshot, { type: 'REQUEST_INFO', data: { missing: 'ИНН' } });
      expect(workflow.statusCategory(asked.snapshot)).toBe('waiting_customer');
      expect(asked.effects).toEqual([{ type: 'notify', params: { template: 'info_request' } }]);
    });
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
    const workflow = compileWorkflow(definitionOf(readShipped('kurgan-vipnet')));
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
    const workflow = compileWorkflow(definitionOf(readShipped('rusbitech')));
    expect(Object.keys(workflow.definition.kinds)).toHaveLength(5);
    const open = workflow.applyEvent(workflow.initialSnapshot({ fields: {}, kind: 'errors' }).snapshot, { type: 'TAKE' });
    const handed = workflow.applyEvent(open.snapshot, { type: 'HANDOFF_DEV' });
    expect(workflow.stateName(handed.snapshot)).toBe('in_development');
    expect(workflow.statusCategory(handed.snapshot)).toBe('open');
    expect(workflow.availableEvents(handed.snapshot)).toEqual(['TAKE', 'RESOLVE']);
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
});
