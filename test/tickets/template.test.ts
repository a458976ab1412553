/** Letter templates: lookups only, and instants written in the tenant's zone. */
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../server/src/tickets/template.js';

describe('letter templates', () => {
  it('NSO-9 writes the final answer date in the tenant time zone, with the offset spelled out', () => {
    const scope = { tenant: { timezone: 'Asia/Novosibirsk' }, data: { finalDueAt: '2026-11-25T03:00:00.000Z' } };
    expect(renderTemplate('не позднее {{data.finalDueAt | datetime}}', scope)).toBe('не позднее 25.11.2026 10:00 (UTC+7)');
    // Near midnight the local day is not the UTC one.
    expect(renderTemplate('{{ data.finalDueAt|datetime }}', { ...scope, data: { finalDueAt: '2026-11-25T18:30:00Z' } })).toBe('26.11.2026 01:30 (UTC+7)');
    expect(renderTemplate('{{data.at | datetime}}', { tenant: { timezone: '+06:00' }, data: { at: '2026-11-25T03:00:00Z' } })).toBe('25.11.2026 09:00 (UTC+6)');
  });

  it('renders missing values as nothing and lists as comma-separated text', () => {
    expect(renderTemplate('[{{ticket.number}}] {{fields.none}}{{data.missing}}', { ticket: { number: 'T-1' }, data: { missing: ['ИНН', 'ФИО'] } })).toBe('[T-1] ИНН, ФИО');
  });
});
