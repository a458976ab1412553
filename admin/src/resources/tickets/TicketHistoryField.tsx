import { Box, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { ActorField } from './ActorField';
import { StateField } from './StateField';
import { useEventLabel } from './useEventLabel';

interface HistoryEntry {
  id?: string;
  event: string;
  fromState: string | null;
  toState: string;
  at: string;
  actor: string;
  data?: Record<string, unknown> | null;
  version?: number;
}

const dataSummary = (data: HistoryEntry['data']) => {
  if (!data || typeof data !== 'object') return '';
  const entries = Object.entries(data).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return entries
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
};

/** Every accepted event, oldest first, as a timeline: the audit trail agents and complaints rely on. */
export const TicketHistoryField = () => {
  const ticket = useRecordContext();
  const eventLabel = useEventLabel(ticket?.tenantId);
  const translate = useTranslate();
  const history: HistoryEntry[] = ticket?.history ?? [];
  if (history.length === 0) return null;
  return (
    <Box component="ol" data-testid="history" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {history.map((entry, index) => {
        const summary = dataSummary(entry.data);
        return (
          <Box
            component="li"
            key={entry.id ?? index}
            sx={{
              position: 'relative',
              pl: 3,
              pb: 1.5,
              borderLeft: index === history.length - 1 ? '2px solid transparent' : '2px solid',
              borderColor: 'divider',
              ml: 1,
              '&::before': {
                content: '""',
                position: 'absolute',
                left: -7,
                top: 4,
                width: 12,
                height: 12,
                borderRadius: '50%',
                bgcolor: index === history.length - 1 ? 'primary.main' : 'grey.400',
              },
            }}
          >
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {eventLabel(entry.event)}
              <Typography component="span" variant="body2" color="text.secondary">
                {' · '}
                <DateTimeField record={entry} source="at" />
                {' · '}
              </Typography>
              <ActorField record={entry} source="actor" />
            </Typography>
            <Typography variant="body2" color="text.secondary" component="div">
              {entry.fromState ? (
                <>
                  <StateField record={entry} source="fromState" /> → <StateField record={entry} source="toState" />
                </>
              ) : (
                <>
                  {translate('resources.tickets.history.toState')}: <StateField record={entry} source="toState" />
                </>
              )}
            </Typography>
            {summary && (
              <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
                {summary}
              </Typography>
            )}
          </Box>
        );
      })}
    </Box>
  );
};
