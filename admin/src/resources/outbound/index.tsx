import MailIcon from '@mui/icons-material/OutgoingMail';
import { Chip } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  DataTable,
  List,
  SearchInput,
  SelectInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type ResourceProps,
} from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import type { ReglamentDataProvider } from '../../providers/dataProvider';
import { errorMessage } from '../../providers/errors';

const STATUSES = ['pending', 'sending', 'sent', 'captured', 'failed'] as const;

const outboundFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    alwaysOn
    choices={STATUSES.map((id) => ({ id, name: `resources.outbound.status.${id}` }))}
    sx={{ minWidth: 180 }}
  />,
];

const StatusChip = () => {
  const message = useRecordContext();
  const translate = useTranslate();
  if (!message?.status) return null;
  const color = message.status === 'failed' ? 'error' : message.status === 'sent' || message.status === 'captured' ? 'success' : 'default';
  return <Chip size="small" color={color} label={translate(`resources.outbound.status.${message.status}`, { _: message.status })} />;
};

/** Sends a failed letter again (`retryOutboundMessage`). */
const RetryButton = () => {
  const message = useRecordContext();
  const dataProvider = useDataProvider<ReglamentDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (message?.status !== 'failed') return null;
  return (
    <Button
      label="resources.outbound.retry"
      disabled={busy}
      onClick={async (e) => {
        e.stopPropagation();
        setBusy(true);
        try {
          await dataProvider.retryOutboundMessage(message.id);
          notify('resources.outbound.retried', { type: 'success' });
        } catch (error) {
          notify(errorMessage(error), { type: 'error' });
        } finally {
          setBusy(false);
          refresh();
        }
      }}
    />
  );
};

/** The outbound mail log: what the product sent or captured, with its delivery status. */
export const OutboundList = () => (
  <List filters={outboundFilters} sort={{ field: 'at', order: 'DESC' }} title="resources.outbound.title">
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="at" sx={{ whiteSpace: 'nowrap' }}>
        <DateTimeField source="at" />
      </DataTable.Col>
      <DataTable.Col source="to" />
      <DataTable.Col source="subject" />
      <DataTable.Col source="status">
        <StatusChip />
      </DataTable.Col>
      <DataTable.Col source="attempts" />
      <DataTable.Col source="lastError" sx={{ maxWidth: 280 }} />
      <DataTable.Col source="id" label=" " disableSort>
        <RetryButton />
      </DataTable.Col>
    </DataTable>
  </List>
);

export const outbound: Omit<ResourceProps, 'name'> = {
  list: OutboundList,
  icon: MailIcon,
};
