/**
 * `/portal/t/<token>`: one ticket as its requester sees it through the personal link —
 * status and deadlines in words in the tenant's time zone, the whole correspondence (SIN-4),
 * the acts to read, approve or refuse with reasons and rework items (SIN-9/10), a reply box,
 * and buttons for exactly the requester's `availableEvents` (REOPEN while its window is open,
 * CONFIRM, PROVIDE_INFO…). Each change answers the ticket anew, and the page shows that;
 * changes made by others (an agent, a timer) arrive live over graphql-ws
 * (`requesterTicketChanged`).
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Link,
  List,
  ListItem,
  Paper,
  Stack,
  TextField,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { createClient } from 'graphql-ws';
import { graphql, PortalApiError } from './api';
import {
  actKindWords,
  actStatusWords,
  capitalize,
  closeReasonWords,
  deadlineWords,
  directionWords,
  eventWords,
  fieldWords,
  formatInstant,
  statusWords,
  utcOffset,
  zonedLocalToIso,
} from './format';
import { PortalShell } from './PortalShell';

interface Act {
  number: string;
  kind: string;
  status: string;
  dueAt: string | null;
  issuedAt: string | null;
  answeredAt: string | null;
  reasons: string | null;
  items: Array<{ what: string; dueAt: string | null }>;
  documentUrl: string;
}
interface RequesterTicket {
  number: string;
  tenantId: string;
  subject: string | null;
  status: string;
  closeReason: string | null;
  missingFields: string[];
  createdAt: string;
  messages: Array<{ direction: string; body: string; at: string; channel: string }>;
  acts: Act[];
  deadlines: Array<{ kind: string; dueAt: string | null; metAt: string | null; breached: boolean; pausedAt: string | null }>;
  availableEvents: string[];
}
interface TenantInfo {
  title: string;
  timezone: string;
  events: Array<{ type: string; title: string }>;
  fieldLabels: Array<{ field: string; label: string }>;
}

const TICKET_FIELDS = `number tenantId subject status closeReason missingFields createdAt
  messages { direction body at channel }
  acts { number kind status dueAt issuedAt answeredAt reasons items { what dueAt } documentUrl }
  deadlines { kind dueAt metAt breached pausedAt }
  availableEvents`;

const TICKET_QUERY = `query RequesterTicket($token: String!) { requesterTicket(token: $token) { ${TICKET_FIELDS} } }`;
const TENANT_QUERY = `query PortalTenant($id: ID!) { portalTenant(id: $id) { title timezone events { type title } fieldLabels { field label } } }`;
const EVENT = `mutation RequesterEvent($token: String!, $type: String!, $data: JSON) { requesterEvent(token: $token, type: $type, data: $data) { ${TICKET_FIELDS} } }`;
const CHANGED = `subscription RequesterTicketChanged($token: String!) { requesterTicketChanged(token: $token) { ${TICKET_FIELDS} } }`;
const MESSAGE = `mutation RequesterMessage($token: String!, $body: String!) { requesterMessage(token: $token, body: $body) { ${TICKET_FIELDS} } }`;

/** Events with data of their own ask for it in a dialog; the rest are one click. */
type DialogEvent = 'REFUSE_ACT' | 'NAME_DATE' | 'COMPLAIN';
const dialogEvents = new Set<string>(['REFUSE_ACT', 'NAME_DATE', 'COMPLAIN']);
const actEvents = new Set(['APPROVE_ACT', 'REFUSE_ACT']);

export function TicketPage({ token }: { token: string }) {
  const [ticket, setTicket] = useState<RequesterTicket | null | undefined>(undefined);
  const [tenant, setTenant] = useState<TenantInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogEvent | null>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const focusOutcome = useRef(false);

  useEffect(() => {
    graphql<{ requesterTicket: RequesterTicket | null }>('RequesterTicket', TICKET_QUERY, { token })
      .then(async ({ requesterTicket }) => {
        setTicket(requesterTicket);
        if (requesterTicket) {
          const { portalTenant } = await graphql<{ portalTenant: TenantInfo | null }>('PortalTenant', TENANT_QUERY, { id: requesterTicket.tenantId });
          setTenant(portalTenant);
        }
      })
      .catch((error: unknown) => {
        setTicket(null);
        setLoadError(error instanceof PortalApiError ? error.message : 'Не удалось загрузить обращение. Попробуйте позже.');
      });
  }, [token]);

  // Live updates (issue 7 §3): every committed change of this ticket — an agent's answer, a
  // new status, a timer — replaces the shown ticket without a reload. The link is the only
  // credential: when the desk revokes it, the server ends the subscription with FORBIDDEN
  // and the page says the link no longer works.
  const found = ticket != null;
  useEffect(() => {
    if (!found) return;
    const client = createClient({
      url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
      retryAttempts: 20,
      shouldRetry: () => true,
    });
    const unsubscribe = client.subscribe<{ requesterTicketChanged: RequesterTicket }>(
      { operationName: 'RequesterTicketChanged', query: CHANGED, variables: { token } },
      {
        next: ({ data }) => {
          if (data?.requesterTicketChanged) setTicket(data.requesterTicketChanged);
        },
        error: (error) => {
          const codes = Array.isArray(error) ? error.map((e: { extensions?: { code?: unknown } }) => e.extensions?.code) : [];
          if (codes.includes('FORBIDDEN')) setTicket(null);
          // Otherwise the page still works without live updates: each action answers the ticket anew.
        },
        complete: () => undefined,
      },
    );
    return () => {
      unsubscribe();
      void client.dispose();
    };
  }, [token, found]);

  useEffect(() => {
    if (ticket) document.title = `Обращение ${ticket.number}`;
  }, [ticket]);

  // After an event the button pressed may be gone (an approved act), and it was disabled
  // while busy; either drops keyboard focus to the top of the page. Focus goes to the
  // outcome instead. A dialog still open (its event failed) keeps focus where it is.
  useEffect(() => {
    if (!focusOutcome.current) return;
    focusOutcome.current = false;
    if (dialog === null) outcome.current?.focus();
  });

  const run = useCallback(
    async (what: () => Promise<RequesterTicket>, done: string, moveFocus = false): Promise<boolean> => {
      setBusy(true);
      setActionError(null);
      setNotice(null);
      try {
        setTicket(await what());
        setNotice(done);
        return true;
      } catch (error) {
        setActionError(error instanceof PortalApiError ? error.message : 'Не удалось выполнить действие. Попробуйте позже.');
        return false;
      } finally {
        setBusy(false);
        focusOutcome.current = moveFocus;
      }
    },
    [],
  );

  const sendEvent = (type: string, data?: Record<string, unknown>) =>
    run(async () => (await graphql<{ requesterEvent: RequesterTicket }>('RequesterEvent', EVENT, { token, type, data: data ?? null })).requesterEvent, doneWords[type] ?? 'Готово.', true);

  const sendMessage = (body: string) =>
    run(async () => (await graphql<{ requesterMessage: RequesterTicket }>('RequesterMessage', MESSAGE, { token, body })).requesterMessage, 'Сообщение отправлено.');

  if (ticket === undefined) {
    return (
      <PortalShell title="Обращение">
        <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }} role="status" aria-live="polite">
          <CircularProgress aria-label="Загрузка обращения" />
        </Box>
      </PortalShell>
    );
  }
  if (ticket === null) {
    return (
      <PortalShell title="Обращение не найдено">
        <Alert severity="info" role="alert">
          {loadError ??
            'Ссылка не действует: возможно, она устарела или была отозвана службой поддержки. Ответьте на письмо с номером обращения или напишите в службу поддержки — вам пришлют новую ссылку.'}
        </Alert>
      </PortalShell>
    );
  }

  const timeZone = tenant?.timezone ?? 'Europe/Moscow';
  // The requester's own words first: the workflow's titles speak to agents («Зарегистрировать жалобу»).
  const titleOf = (type: string) => eventWords[type] ?? tenant?.events.find((e) => e.type === type)?.title ?? type;
  const otherEvents = ticket.availableEvents.filter((type) => !actEvents.has(type));
  const openAct = [...ticket.acts].reverse().find((a) => a.status === 'issued' || a.status === 'overdue');

  return (
    <PortalShell title={`Обращение ${ticket.number}`} subtitle={tenant?.title}>
      <Stack spacing={2}>
        <Card component="section" aria-labelledby="summary-title">
          <CardContent>
            <Typography id="summary-title" component="h2" variant="h6" sx={{ overflowWrap: 'anywhere' }}>
              {ticket.subject || 'Без темы'}
            </Typography>
            {/* Announced when a change arrives live, as a sighted requester sees the chip change. */}
            <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap', alignItems: 'center' }} aria-live="polite" aria-atomic="true">
              <Typography component="span">Состояние:</Typography>
              <Chip data-testid="status" label={statusWords[ticket.status] ?? ticket.status} color={ticket.status === 'closed' ? 'default' : ticket.status === 'resolved' ? 'success' : 'primary'} />
            </Stack>
            <Typography variant="body2" color="text.secondary">
              Зарегистрировано {formatInstant(ticket.createdAt, timeZone)}
            </Typography>
            {ticket.deadlines.length > 0 && (
              <List dense aria-label="Сроки" data-testid="deadlines">
                {ticket.deadlines.map((d) => (
                  <ListItem key={d.kind} disableGutters>
                    <Typography color={d.breached && !d.metAt ? 'error' : 'text.primary'}>{deadlineWords(d, timeZone)}</Typography>
                  </ListItem>
                ))}
              </List>
            )}
            {ticket.status === 'waiting_customer' && ticket.missingFields.length > 0 && (
              <Alert severity="warning" sx={{ mt: 1 }}>
                Служба поддержки ждёт от вас сведений: {ticket.missingFields.map((f) => fieldWords(tenant?.fieldLabels, f)).join(', ')}. Напишите их в сообщении ниже.
              </Alert>
            )}
            {ticket.status === 'closed' && ticket.closeReason && ticket.closeReason !== 'resolved' && (
              <Typography sx={{ mt: 1 }} variant="body2">
                Причина закрытия: {closeReasonWords[ticket.closeReason] ?? ticket.closeReason}
              </Typography>
            )}
          </CardContent>
        </Card>

        <Box aria-live="polite" ref={outcome} tabIndex={-1}>
          {notice && (
            <Alert severity="success" onClose={() => setNotice(null)}>
              {notice}
            </Alert>
          )}
          {actionError && (
            <Alert severity="error" role="alert" onClose={() => setActionError(null)}>
              {actionError}
            </Alert>
          )}
        </Box>

        {otherEvents.length > 0 && (
          <Card component="section" aria-labelledby="actions-title">
            <CardContent>
              <Typography id="actions-title" component="h2" variant="h6" sx={{ mb: 1 }}>
                Что вы можете сделать
              </Typography>
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ flexWrap: 'wrap' }} useFlexGap>
                {otherEvents.map((type) => (
                  <Button
                    key={type}
                    variant={type === 'COMPLAIN' ? 'outlined' : 'contained'}
                    disabled={busy}
                    onClick={() => (dialogEvents.has(type) ? setDialog(type as DialogEvent) : void sendEvent(type))}
                  >
                    {titleOf(type)}
                  </Button>
                ))}
              </Stack>
            </CardContent>
          </Card>
        )}

        {ticket.acts.length > 0 && (
          <Card component="section" aria-labelledby="acts-title">
            <CardContent>
              <Typography id="acts-title" component="h2" variant="h6">
                Акты
              </Typography>
              <Stack spacing={2} sx={{ mt: 1 }}>
                {ticket.acts.map((act) => (
                  <ActCard
                    key={act.number}
                    act={act}
                    timeZone={timeZone}
                    actions={
                      act === openAct && (ticket.availableEvents.includes('APPROVE_ACT') || ticket.availableEvents.includes('REFUSE_ACT')) ? (
                        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1.5 }}>
                          {ticket.availableEvents.includes('APPROVE_ACT') && (
                            <Button variant="contained" color="success" disabled={busy} onClick={() => void sendEvent('APPROVE_ACT')}>
                              {titleOf('APPROVE_ACT')}
                            </Button>
                          )}
                          {ticket.availableEvents.includes('REFUSE_ACT') && (
                            <Button variant="outlined" color="error" disabled={busy} onClick={() => setDialog('REFUSE_ACT')}>
                              {titleOf('REFUSE_ACT')}
                            </Button>
                          )}
                        </Stack>
                      ) : null
                    }
                  />
                ))}
              </Stack>
            </CardContent>
          </Card>
        )}

        <Card component="section" aria-labelledby="thread-title">
          <CardContent>
            <Typography id="thread-title" component="h2" variant="h6" sx={{ mb: 1 }}>
              Переписка
            </Typography>
            {ticket.messages.length === 0 ? (
              <Typography color="text.secondary">Сообщений пока нет.</Typography>
            ) : (
              <Stack component="ol" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Сообщения" data-testid="thread">
                {ticket.messages.map((m, i) => (
                  <Paper
                    key={`${m.at}-${i}`}
                    component="li"
                    variant="outlined"
                    sx={{ p: 1.5, bgcolor: m.direction === 'in' ? 'grey.50' : '#e8f0fb', ml: { sm: m.direction === 'in' ? 6 : 0 }, mr: { sm: m.direction === 'in' ? 0 : 6 } }}
                  >
                    <Typography variant="caption" component="p" color="text.secondary">
                      {directionWords[m.direction] ?? m.direction} · {formatInstant(m.at, timeZone)}
                    </Typography>
                    <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.body}</Typography>
                  </Paper>
                ))}
              </Stack>
            )}
            <ReplyBox busy={busy} waiting={ticket.status === 'waiting_customer'} onSend={sendMessage} />
          </CardContent>
        </Card>
      </Stack>

      <RefuseActDialog open={dialog === 'REFUSE_ACT'} busy={busy} timeZone={timeZone} onClose={() => setDialog(null)} onSubmit={(data) => sendEvent('REFUSE_ACT', data)} />
      <NameDateDialog open={dialog === 'NAME_DATE'} busy={busy} timeZone={timeZone} title={titleOf('NAME_DATE')} onClose={() => setDialog(null)} onSubmit={(data) => sendEvent('NAME_DATE', data)} />
      <ComplainDialog open={dialog === 'COMPLAIN'} busy={busy} title={titleOf('COMPLAIN')} onClose={() => setDialog(null)} onSubmit={(data) => sendEvent('COMPLAIN', data)} />
    </PortalShell>
  );
}

const doneWords: Record<string, string> = {
  REOPEN: 'Обращение возвращено в работу.',
  CONFIRM: 'Спасибо! Решение подтверждено.',
  PROVIDE_INFO: 'Сведения переданы в службу поддержки.',
  NAME_DATE: 'Срок предоставления сведений сообщён.',
  APPROVE_ACT: 'Акт утверждён.',
  REFUSE_ACT: 'Отказ в приёмке направлен вместе с перечнем доработок.',
  COMPLAIN: 'Жалоба зарегистрирована.',
};

function ActCard({ act, timeZone, actions }: { act: Act; timeZone: string; actions: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} component="article" aria-label={`Акт ${act.number}`} data-testid="act">
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {actKindWords[act.kind] ?? 'Акт'} № {act.number}
      </Typography>
      <Typography variant="body2">
        Статус: <span data-testid="act-status">{actStatusWords[act.status] ?? act.status}</span>
        {act.issuedAt ? ` · выставлен ${formatInstant(act.issuedAt, timeZone)}` : ''}
      </Typography>
      {act.dueAt && (act.status === 'issued' || act.status === 'overdue') && (
        <Typography variant="body2">Рассмотрите акт до {formatInstant(act.dueAt, timeZone)}</Typography>
      )}
      {act.items.length > 0 && (
        <Box component="ol" sx={{ pl: 3, my: 1 }}>
          {act.items.map((item, i) => (
            <li key={i}>
              <Typography variant="body2">
                {item.what}
                {item.dueAt ? ` — до ${formatInstant(item.dueAt, timeZone)}` : ''}
              </Typography>
            </li>
          ))}
        </Box>
      )}
      {act.reasons && <Typography variant="body2">Причины отказа: {act.reasons}</Typography>}
      <Link href={act.documentUrl} target="_blank" rel="noopener noreferrer" sx={{ display: 'inline-block', mt: 0.5 }}>
        Открыть акт для печати
      </Link>
      {actions}
    </Paper>
  );
}

function ReplyBox({ busy, waiting, onSend }: { busy: boolean; waiting: boolean; onSend: (body: string) => Promise<boolean> }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    // Back in the box whatever happens: the button was disabled while sending, which takes
    // keyboard focus away, and the next thing to do is write (again or more).
    if (!body.trim()) {
      setError('Напишите текст сообщения');
      return input.current?.focus();
    }
    setError(null);
    if (await onSend(body)) setBody('');
    input.current?.focus();
  }
  return (
    <Box component="form" id="reply-form" aria-label="Ответ службе поддержки" onSubmit={submit} sx={{ mt: 2 }} noValidate>
      <TextField
        id="reply"
        inputRef={input}
        label="Ваше сообщение"
        multiline
        minRows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={Boolean(error)}
        helperText={error ?? (waiting ? 'Ответ будет передан как недостающие сведения.' : 'Сообщение увидит служба поддержки.')}
      />
      <Button type="submit" variant="contained" disabled={busy} sx={{ mt: 1, width: { xs: '100%', sm: 'auto' } }}>
        Отправить сообщение
      </Button>
    </Box>
  );
}

function useFullScreenDialog(): boolean {
  const theme = useTheme();
  return useMediaQuery(theme.breakpoints.down('sm'));
}

interface ReworkRow {
  what: string;
  dueAt: string;
}

function RefuseActDialog({ open, busy, timeZone, onClose, onSubmit }: { open: boolean; busy: boolean; timeZone: string; onClose: () => void; onSubmit: (data: Record<string, unknown>) => Promise<boolean> }) {
  const fullScreen = useFullScreenDialog();
  const [reasons, setReasons] = useState('');
  const [rows, setRows] = useState<ReworkRow[]>([{ what: '', dueAt: '' }]);
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reasons.trim()) return setError('Укажите причины отказа');
    const items = rows.filter((r) => r.what.trim());
    if (!items.length) return setError('Перечислите хотя бы одну доработку');
    if (items.some((r) => !r.dueAt)) return setError('Укажите срок каждой доработки');
    setError(null);
    const ok = await onSubmit({ reasons: reasons.trim(), items: items.map((r) => ({ what: r.what.trim(), dueAt: zonedLocalToIso(r.dueAt, timeZone) })) });
    if (ok) {
      setReasons('');
      setRows([{ what: '', dueAt: '' }]);
      onClose();
    }
  }
  const setRow = (i: number, patch: Partial<ReworkRow>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="refuse-title">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="refuse-title">Мотивированный отказ в приёмке</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField id="refuse-reasons" label="Причины отказа" required multiline minRows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
            <Typography component="h3" variant="subtitle1">
              Доработки и их сроки ({utcOffset(new Date(), timeZone)})
            </Typography>
            {rows.map((row, i) => (
              <Stack key={i} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }} role="group" aria-label={`Доработка ${i + 1}`}>
                <TextField label={`Доработка ${i + 1}`} required value={row.what} onChange={(e) => setRow(i, { what: e.target.value })} />
                <TextField
                  label={`Срок доработки ${i + 1}`}
                  type="datetime-local"
                  required
                  value={row.dueAt}
                  onChange={(e) => setRow(i, { dueAt: e.target.value })}
                  slotProps={{ inputLabel: { shrink: true } }}
                  sx={{ minWidth: { sm: 220 } }}
                />
                <IconButton aria-label={`Удалить доработку ${i + 1}`} onClick={() => setRows((all) => all.filter((_, j) => j !== i))} disabled={rows.length === 1} sx={{ alignSelf: { xs: 'flex-end', sm: 'center' } }}>
                  <DeleteOutlineIcon />
                </IconButton>
              </Stack>
            ))}
            <Box>
              <Button onClick={() => setRows((all) => [...all, { what: '', dueAt: '' }])}>Добавить доработку</Button>
            </Box>
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Отмена</Button>
          <Button type="submit" variant="contained" color="error" disabled={busy}>
            Отправить отказ
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

function NameDateDialog({ open, busy, timeZone, title, onClose, onSubmit }: { open: boolean; busy: boolean; timeZone: string; title: string; onClose: () => void; onSubmit: (data: Record<string, unknown>) => Promise<boolean> }) {
  const fullScreen = useFullScreenDialog();
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!date) return setError('Укажите дату и время');
    setError(null);
    if (await onSubmit({ date: zonedLocalToIso(date, timeZone) })) onClose();
  }
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="xs" aria-labelledby="name-date-title">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="name-date-title">{capitalize(title)}</DialogTitle>
        <DialogContent>
          <TextField
            sx={{ mt: 1 }}
            label={`Когда вы предоставите сведения (${utcOffset(new Date(), timeZone)})`}
            type="datetime-local"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            error={Boolean(error)}
            helperText={error}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Отмена</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Сообщить
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

function ComplainDialog({ open, busy, title, onClose, onSubmit }: { open: boolean; busy: boolean; title: string; onClose: () => void; onSubmit: (data: Record<string, unknown>) => Promise<boolean> }) {
  const fullScreen = useFullScreenDialog();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError('Опишите суть жалобы');
    setError(null);
    if (await onSubmit({ text: text.trim() })) {
      setText('');
      onClose();
    }
  }
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="complain-title">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="complain-title">{capitalize(title.replace(/\s*\(.*\)$/, ''))}</DialogTitle>
        <DialogContent>
          <TextField sx={{ mt: 1 }} label="Текст жалобы" required multiline minRows={4} value={text} onChange={(e) => setText(e.target.value)} error={Boolean(error)} helperText={error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Отмена</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Подать жалобу
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
