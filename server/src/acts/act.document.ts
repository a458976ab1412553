/**
 * The printable act (SIN-9, SIN-10): an HTML page ready to print (A4, no scripts), with
 * what both sides sign. Dates are in the tenant's time zone. Every value is escaped: the
 * items and reasons are people's text.
 */
import { DateTime } from 'luxon';
import type { Act } from '../workflow/index.js';
import { actNumber } from './act.view.js';

export interface ActDocumentScope {
  tenantTitle: string;
  timezone: string;
  ticket: { number: string; subject: string | null; organization: string | null };
  act: Act;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderActDocument({ tenantTitle, timezone, ticket, act }: ActDocumentScope): string {
  const zone = /^[+-]\d{2}:\d{2}$/.test(timezone) ? `UTC${timezone}` : timezone;
  const date = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone }).toFormat('dd.MM.yyyy') : '—');
  const title = act.kind === 'acceptance' ? 'Акт сдачи-приёмки работ' : 'Двусторонний акт о доработке';
  const rows = act.items.length
    ? act.items.map((item, i) => `<tr><td>${i + 1}</td><td>${escape(item.what)}</td><td>${date(item.dueAt)}</td></tr>`).join('\n')
    : '<tr><td colspan="3">—</td></tr>';
  const lead =
    act.kind === 'acceptance'
      ? `<p>Работы по обращению выполнены. Заказчик рассматривает акт и подписывает его либо направляет мотивированный отказ до ${date(act.dueAt)}.</p>`
      : `<p>По мотивированному отказу заказчика стороны согласовали перечень доработок и сроки их выполнения. После доработки выставляется новый акт.</p>`;
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${escape(title)} ${escape(actNumber(ticket.number, act))}</title>
<style>@page { size: A4; margin: 20mm } body { font: 12pt/1.4 "Times New Roman", serif; color: #000 }
h1 { font-size: 15pt; text-align: center } table { width: 100%; border-collapse: collapse; margin: 1em 0 }
td, th { border: 1px solid #000; padding: 4px 6px; vertical-align: top } .signs { display: flex; justify-content: space-between; margin-top: 3em }
.signs div { width: 45% } .line { border-bottom: 1px solid #000; height: 2em }</style></head>
<body>
<h1>${escape(title)} № ${escape(actNumber(ticket.number, act))}</h1>
<p>Исполнитель: ${escape(tenantTitle)}<br>Заказчик: ${escape(ticket.organization ?? '—')}<br>
Обращение: ${escape(ticket.number)}${ticket.subject ? ` «${escape(ticket.subject)}»` : ''}<br>Дата акта: ${date(act.issuedAt)}</p>
${lead}
<table><thead><tr><th>№</th><th>${act.kind === 'acceptance' ? 'Выполненные работы' : 'Доработка'}</th><th>Срок</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${act.reasons ? `<p>Мотивированный отказ заказчика: ${escape(act.reasons)}</p>` : ''}
<p>Статус: ${statusText[act.status]}${act.answeredAt ? ` (${date(act.answeredAt)})` : ''}</p>
<div class="signs"><div>Исполнитель<div class="line"></div></div><div>Заказчик<div class="line"></div></div></div>
</body></html>
`;
}

const statusText: Record<Act['status'], string> = {
  issued: 'направлен заказчику',
  overdue: 'не подписан в срок',
  approved: 'подписан заказчиком',
  refused: 'отклонён заказчиком',
  agreed: 'согласован сторонами',
};
