import { DataTable, List, SearchInput } from 'react-admin';

const tenantFilters = [<SearchInput key="q" source="q" alwaysOn />];

/**
 * Support desks and the workflow version new tickets start on. Read-only here: a tenant
 * is created and changed by publishing its workflow file.
 */
export const TenantList = () => (
  <List filters={tenantFilters} sort={{ field: 'title', order: 'ASC' }}>
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="title" />
      <DataTable.Col source="timezone" />
      <DataTable.Col source="workflowVersion" />
      <DataTable.Col
        source="channels"
        disableSort
        render={(tenant) => (Array.isArray(tenant.channels) ? tenant.channels.length : 0)}
      />
    </DataTable>
  </List>
);
