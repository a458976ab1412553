import { Box, Chip, Link as MuiLink, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, useGetOne, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { DeadlineChips, type Deadline } from '../../components/DeadlineChips';
import { openDocument } from '../../providers/openDocument';
import { ActorField } from './ActorField';

const Empty = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('resources.tickets.sections.none')}
    </Typography>
  );
};

/** A titled block of the ticket page. */
export const Section = ({ title, children, id }: { title: string; children: ReactNode; id?: string }) => {
  const translate = useTranslate();
  return (
    <Box component="section" data-section={id} aria-label={translate(title)}>
      <Typography variant="caption" color="text.secondary" component="h3" sx={{ mb: 0.5, display: 'block' }}>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
};

/** The tenant's time zone, so deadlines read as the regulation counts them. */
export const useTenantTimezone = (tenantId?: string): string | undefined => {
  const { data } = useGetOne('tenants', { id: tenantId ?? '' }, { enabled: Boolean(tenantId) });
  return data?.timezone;
};

export const DeadlinesSection = () => {
  const ticket = useRecordContext();
  const timezone = useTenantTimezone(ticket?.tenantId);
  const translate = useTranslate();
  const deadlines: Deadline[] = ticket?.deadlines ?? [];
  return (
    <Section title="resources.tickets.sections.deadlines" id="deadlines">
      {deadlines.length ? (
        <Stack spacing={0.5}>
          <DeadlineChips deadlines={deadlines} timeZone={timezone} />
          {timezone && (
            <Typography variant="caption" color="text.secondary">
              {translate('resources.tickets.sections.timezone', { timezone })}
            </Typography>
          )}
        </Stack>
      ) : (
        <Empty />
      )}
    </Section>
  );
};

interface MessageRow {
  direction: 'in' | 'out' | string;
  channel: string;
  from: string | null;
  to: string | null;
  subject: string | null;
  body: string;
  at: string;
  status: string | null;
}

/** The conversation: the requester's messages on the left, ours on the right. */
export const MessagesSection = () => {
  const ticket = useRecordContext();
  const translate = useTranslate();
  const messages: MessageRow[] = ticket?.messages ?? [];
  return (
    <Section title="resources.tickets.sections.messages" id="messages">
      {messages.length === 0 ? (
        <Empty />
      ) : (
        <Stack spacing={1}>
          {messages.map((m, index) => (
            <Paper
              key={index}
              variant="outlined"
              data-direction={m.direction}
              sx={{
                p: 1.5,
                maxWidth: '85%',
                alignSelf: m.direction === 'out' ? 'flex-end' : 'flex-start',
                bgcolor: m.direction === 'out' ? 'action.hover' : 'background.paper',
              }}
            >
              <Typography variant="caption" color="text.secondary" component="div">
                {translate(`resources.tickets.direction.${m.direction}`, { _: m.direction })} ·{' '}
                {m.direction === 'out' ? m.to : m.from} · <DateTimeField record={m} source="at" />
                {m.status ? ` · ${translate(`resources.outbound.status.${m.status}`, { _: m.status })}` : ''}
              </Typography>
              {m.subject && (
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {m.subject}
                </Typography>
              )}
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {m.body}
              </Typography>
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
};

export const LinksSection = () => {
  const ticket = useRecordContext();
  const translate = useTranslate();
  const links: Array<{ relation: string; ticket: { id: string; number: string; subject: string | null } }> =
    ticket?.links ?? [];
  if (links.length === 0) return null;
  return (
    <Section title="resources.tickets.sections.links" id="links">
      <Stack spacing={0.5}>
        {links.map((l) => (
          <Typography key={`${l.relation}-${l.ticket.id}`} variant="body2">
            {translate(`resources.tickets.relation.${l.relation}`, { _: l.relation })}:{' '}
            <Link to={`/tickets/${encodeURIComponent(l.ticket.id)}/show`}>{l.ticket.number}</Link>
            {l.ticket.subject ? ` — ${l.ticket.subject}` : ''}
          </Typography>
        ))}
      </Stack>
    </Section>
  );
};

interface Act {
  number: string;
  kind: string;
  status: string;
  issuedAt: string | null;
  dueAt: string | null;
  answeredAt: string | null;
  reasons: string | null;
  documentUrl: string;
  items: Array<{ what: string; dueAt: string | null }>;
}

export const ActsSection = () => {
  const ticket = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const acts: Act[] = ticket?.acts ?? [];
  if (acts.length === 0) return null;
  return (
    <Section title="resources.tickets.sections.acts" id="acts">
      <Stack spacing={1}>
        {acts.map((act) => (
          <Paper key={act.number} variant="outlined" sx={{ p: 1.5 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <MuiLink
                component="button"
                type="button"
                onClick={() =>
                  openDocument(act.documentUrl, `${act.number}.html`).catch((e: Error) =>
                    notify(e.message, { type: 'error' }),
                  )
                }
              >
                {act.number}
              </MuiLink>
              <Chip size="small" label={translate(`resources.tickets.actKind.${act.kind}`, { _: act.kind })} />
              <Chip
                size="small"
                color={act.status === 'approved' || act.status === 'agreed' ? 'success' : act.status === 'overdue' ? 'error' : 'default'}
                label={translate(`resources.tickets.actStatus.${act.status}`, { _: act.status })}
              />
              {act.dueAt && (
                <Typography variant="caption" color="text.secondary">
                  {translate('resources.tickets.sections.act_due')} <DateTimeField record={act} source="dueAt" />
                </Typography>
              )}
            </Stack>
            {act.reasons && (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {translate('resources.tickets.event_data.reasons')}: {act.reasons}
              </Typography>
            )}
            {act.items.length > 0 && (
              <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
                {act.items.map((item, i) => (
                  <Typography component="li" variant="body2" key={i}>
                    {item.what}
                    {item.dueAt && (
                      <>
                        {' — '}
                        <DateTimeField record={item} source="dueAt" />
                      </>
                    )}
                  </Typography>
                ))}
              </Box>
            )}
          </Paper>
        ))}
      </Stack>
    </Section>
  );
};

export const ComplaintsSection = () => {
  const ticket = useRecordContext();
  const translate = useTranslate();
  const complaints: Array<{ actor: string; at: string; text: string | null; breaches: string[] }> =
    ticket?.complaints ?? [];
  if (complaints.length === 0) return null;
  return (
    <Section title="resources.tickets.sections.complaints" id="complaints">
      <Stack spacing={1}>
        {complaints.map((c, i) => (
          <Paper key={i} variant="outlined" sx={{ p: 1.5, borderColor: 'error.light' }}>
            <Typography variant="caption" color="text.secondary" component="div">
              <DateTimeField record={c} source="at" /> · <ActorField record={c} source="actor" />
            </Typography>
            {c.text && <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>{c.text}</Typography>}
            {c.breaches.length > 0 && (
              <Typography variant="caption" color="error">
                {translate('resources.tickets.sections.breaches')}:{' '}
                {c.breaches.map((k) => translate(`deadlines.kinds.${k}`, { _: k })).join(', ')}
              </Typography>
            )}
          </Paper>
        ))}
      </Stack>
    </Section>
  );
};

interface Attachment {
  id: string;
  field: string;
  filename: string;
  contentType: string;
  size: number;
  kept: boolean;
  skippedReason: string | null;
  url: string | null;
}

const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

export const AttachmentsSection = () => {
  const ticket = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const attachments: Attachment[] = ticket?.attachments ?? [];
  if (attachments.length === 0) return null;
  return (
    <Section title="resources.tickets.sections.attachments" id="attachments">
      <Stack spacing={0.5}>
        {attachments.map((a) => (
          <Typography key={a.id} variant="body2">
            {a.url ? (
              <MuiLink
                component="button"
                type="button"
                onClick={() => openDocument(a.url!, a.filename).catch((e: Error) => notify(e.message, { type: 'error' }))}
              >
                {a.filename}
              </MuiLink>
            ) : (
              a.filename
            )}{' '}
            <Typography component="span" variant="caption" color="text.secondary">
              {translate(`resources.tickets.fields.fields.${a.field}`, { _: a.field })} · {kb(a.size)}
              {!a.kept && a.skippedReason ? ` · ${a.skippedReason}` : ''}
            </Typography>
          </Typography>
        ))}
      </Stack>
    </Section>
  );
};
