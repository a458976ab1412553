import {
  DataTable,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
} from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { TranslatedValueField } from '../../components/TranslatedValueField';
import { statusCategoryChoices } from './choices';
import { StatusCategoryChip } from './StatusCategoryChip';

const ticketFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="title" />
  </ReferenceInput>,
  <SelectInput key="statusCategory" source="statusCategory" choices={statusCategoryChoices} alwaysOn />,
];

/**
 * The agents' queue. Sorted by `queue` by default: the contract's service order (what the
 * tenant's regulation serves first, then first come, first served).
 */
export const TicketList = () => (
  <List filters={ticketFilters} sort={{ field: 'queue', order: 'ASC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="number" />
      <DataTable.Col source="subject" />
      <DataTable.Col source="tenantId">
        <ReferenceField source="tenantId" reference="tenants" link={false} />
      </DataTable.Col>
      <DataTable.Col source="state" />
      <DataTable.Col source="statusCategory" field={StatusCategoryChip} />
      <DataTable.Col source="priority">
        <TranslatedValueField source="priority" prefix="resources.tickets.priority" />
      </DataTable.Col>
      <DataTable.Col source="updatedAt" field={DateTimeField} />
    </DataTable>
  </List>
);
