import { DataTable, List } from 'react-admin';

/** Every desk with the workflow version in force; a row opens its diagram, file and versions. */
export const WorkflowList = () => (
  <List sort={{ field: 'title', order: 'ASC' }} pagination={false} perPage={1000}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="title" />
      <DataTable.Col source="id" />
      <DataTable.Col source="timezone" />
      <DataTable.Col source="workflowVersion" />
    </DataTable>
  </List>
);
