import { Alert, Button as MuiButton } from '@mui/material';
import { useState } from 'react';
import { Button, TopToolbar, useGetOne, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { eventFormOf, type EventDataRule } from './eventForms';
import { TicketEventDialog, type EventProblem } from './TicketEventDialog';
import { useEventLabel } from './useEventLabel';
import { useSendTicketEvent } from './useSendTicketEvent';

/**
 * One button per event the ticket's current state accepts (`availableEvents`), labelled
 * with the tenant's own event titles. The server decides what is available; the UI never
 * guesses from the state name. Events that carry data (eventFormOf) ask for it first.
 */
export const TicketEventButtons = () => {
  const ticket = useRecordContext();
  const eventLabel = useEventLabel(ticket?.tenantId);
  const { send, pending } = useSendTicketEvent(eventLabel);
  const translate = useTranslate();
  const refresh = useRefresh();
  const [asking, setAsking] = useState<string | null>(null);
  const { data: tenant } = useGetOne('tenants', { id: ticket?.tenantId ?? '' }, { enabled: Boolean(ticket?.tenantId) });
  const formOf = (type: string) => {
    const events: Array<{ type: string; data?: EventDataRule[] }> = Array.isArray(tenant?.events) ? tenant.events : [];
    return eventFormOf(type, events.find((e) => e.type === type)?.data);
  };
  const [problem, setProblem] = useState<EventProblem | null>(null);
  const events: string[] = ticket?.availableEvents ?? [];
  if (!ticket) return null;
  const form = asking ? formOf(asking) : undefined;

  const sendNow = async (type: string, data?: Record<string, unknown>) => {
    const outcome = await send(ticket, type, data);
    setProblem(outcome);
    if (!outcome) setAsking(null);
  };
  const reload = () => {
    setProblem(null);
    refresh();
  };

  return (
    <TopToolbar sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
      {problem && !asking && (
        <Alert
          severity={problem.conflict ? 'warning' : 'error'}
          sx={{ flexBasis: '100%' }}
          onClose={() => setProblem(null)}
          action={
            problem.conflict ? (
              <MuiButton color="inherit" size="small" onClick={reload}>
                {translate('resources.tickets.actions.reload')}
              </MuiButton>
            ) : undefined
          }
        >
          {problem.conflict
            ? translate('resources.tickets.notifications.version_conflict_dialog')
            : translate(problem.message, { _: problem.message })}
        </Alert>
      )}
      {events.map((type) => (
        <Button
          key={type}
          variant="outlined"
          label={eventLabel(type)}
          disabled={pending !== null}
          onClick={() => {
            setProblem(null);
            if (formOf(type)) setAsking(type);
            else void sendNow(type);
          }}
        />
      ))}
      {asking && form && (
        <TicketEventDialog
          key={asking}
          ticket={ticket}
          title={eventLabel(asking)}
          fields={form}
          sending={pending !== null}
          problem={problem && { ...problem, message: translate(problem.message, { _: problem.message }) }}
          onCancel={() => {
            setAsking(null);
            setProblem(null);
          }}
          onSend={(data) => void sendNow(asking, data)}
          onReload={reload}
        />
      )}
    </TopToolbar>
  );
};
