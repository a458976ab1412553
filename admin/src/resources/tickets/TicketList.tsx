import { Stack, Typography } from '@mui/material';
import {
  BooleanInput,
  DataTable,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  useGetOne,
  useRecordContext,
} from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { TranslatedValueField } from '../../components/TranslatedValueField';
import { DeadlineChips } from '../../components/DeadlineChips';
import { priorityChoices, statusCategoryChoices } from './choices';
import { StateField } from './StateField';
import { ServiceLevelFilterInput, StateFilterInput } from './TicketFilterInputs';
import { StatusCategoryChip } from './StatusCategoryChip';

// Wide enough for a support desk's full title and the longest status category.
const ticketFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="title" sx={{ minWidth: 260 }} />
  </ReferenceInput>,
  <SelectInput
    key="statusCategory"
    source="statusCategory"
    choices={statusCategoryChoices}
    alwaysOn
    sx={{ minWidth: 200 }}
  />,
  <SelectInput key="priority" source="priority" choices={priorityChoices} alwaysOn sx={{ minWidth: 160 }} />,
  // Amber or red on the countdown chips (DeadlineChips.tsx): a running clock due within 4 hours or breached.
  <BooleanInput key="slaAtRisk" source="slaAtRisk" alwaysOn sx={{ alignSelf: 'center', ml: 1.5 }} />,
  <StateFilterInput key="state" source="state" />,
  <ServiceLevelFilterInput key="serviceLevel" source="serviceLevel" />,
];

/** The SLA clocks still running, in the tenant's time zone (named under the chips). */
const DeadlinesCell = () => {
  const ticket = useRecordContext();
  const { data: tenant } = useGetOne('tenants', { id: ticket?.tenantId ?? '' }, { enabled: Boolean(ticket?.tenantId) });
  if (!ticket) return null;
  const open = ticket.statusCategory !== 'closed' && ticket.statusCategory !== 'resolved';
  return (
    <Stack spacing={0.25}>
      <DeadlineChips deadlines={ticket.deadlines} timeZone={tenant?.timezone} openOnly={open} />
      {tenant?.timezone && (
        <Typography variant="caption" color="text.secondary">
          {tenant.timezone}
        </Typography>
      )}
    </Stack>
  );
};

/**
 * The status chip, and under it the machine state where it says more than the status
 * (a tenant's own state such as `in_development` within `open`).
 */
const StatusCell = () => {
  const ticket = useRecordContext();
  if (!ticket) return null;
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <StatusCategoryChip source="statusCategory" />
      {ticket.state !== ticket.statusCategory && (
        <StateField source="state" sx={{ color: 'text.secondary', fontSize: '0.75rem' }} />
      )}
    </Stack>
  );
};

// Support desks have long official titles: two lines at most, the whole title on hover.
const clampTwoLines = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
} as const;

const TenantTitle = () => {
  const tenant = useRecordContext();
  return <TextField source="title" sx={clampTwoLines} title={tenant?.title} />;
};

/**
 * The agents' queue. Sorted by `queue` by default: the contract's service order (what the
 * tenant's regulation serves first, then first come, first served).
 */
export const TicketList = () => (
  <List filters={ticketFilters} sort={{ field: 'queue', order: 'ASC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="number" sx={{ whiteSpace: 'nowrap' }} />
      <DataTable.Col source="subject" sx={{ minWidth: 220 }} />
      <DataTable.Col source="tenantId" sx={{ minWidth: 190, maxWidth: 260 }}>
        <ReferenceField source="tenantId" reference="tenants" link={false}>
          <TenantTitle />
        </ReferenceField>
      </DataTable.Col>
      <DataTable.Col source="statusCategory">
        <StatusCell />
      </DataTable.Col>
      <DataTable.Col source="priority">
        <TranslatedValueField source="priority" prefix="resources.tickets.priority" />
      </DataTable.Col>
      <DataTable.Col source="deadlines" disableSort sx={{ minWidth: 170 }}>
        <DeadlinesCell />
      </DataTable.Col>
      <DataTable.Col source="updatedAt" sx={{ whiteSpace: 'nowrap' }}>
        <DateTimeField source="updatedAt" />
      </DataTable.Col>
    </DataTable>
  </List>
);
