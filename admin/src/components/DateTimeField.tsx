import { Typography } from '@mui/material';
import { useFieldValue, useGetOne, useLocaleState, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { formatInZone } from './zonedTime';

/**
 * Date and time in the UI's language and in the tenant's time zone, the zone shown
 * ("23.11.2026, 14:00 UTC+7"). The zone is `timeZone` when given, else that of the
 * record's `tenantId` (or the surrounding ticket's).
 */
export const DateTimeField = ({ timeZone, emptyText = '—', ...props }: FieldProps & { timeZone?: string }) => {
  const value = useFieldValue(props);
  const record = useRecordContext(props);
  // A history entry or a message passed as `record` has no tenant: the ticket around it has.
  const around = useRecordContext();
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const tenantId = timeZone ? undefined : ((record?.tenantId ?? around?.tenantId) as string | undefined);
  const { data: tenant } = useGetOne('tenants', { id: tenantId ?? '' }, { enabled: !!tenantId, staleTime: 5 * 60_000 });
  if (value === null || value === undefined || value === '') {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate(emptyText, { _: emptyText })}
      </Typography>
    );
  }
  // Without a tenant (a letter of no ticket) the browser's own zone, still written out.
  const zone = timeZone ?? (tenant?.timezone as string | undefined) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Typography component="span" variant="body2">
      {formatInZone(String(value), zone, locale)}
    </Typography>
  );
};
