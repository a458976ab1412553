import OrganizationIcon from '@mui/icons-material/BusinessOutlined';
import {
  Create,
  DataTable,
  DateInput,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  type ResourceProps,
} from 'react-admin';

const organizationFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="title" sx={{ minWidth: 260 }} />
  </ReferenceInput>,
];

const slaTargetsText = (value: unknown) =>
  value && typeof value === 'object'
    ? Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ')
    : '';

/** Customer organisations, their service level and contract period (RBT-6: own SLA targets). */
export const OrganizationList = () => (
  <List filters={organizationFilters} sort={{ field: 'name', order: 'ASC' }}>
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="inn" />
      <DataTable.Col source="tenantId">
        <ReferenceField source="tenantId" reference="tenants" link={false} />
      </DataTable.Col>
      <DataTable.Col source="serviceLevel" />
      <DataTable.Col source="contractFrom" />
      <DataTable.Col source="contractUntil" />
      <DataTable.Col source="slaTargets" disableSort render={(org) => slaTargetsText(org.slaTargets)} />
    </DataTable>
  </List>
);

const validateJson = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? undefined : 'resources.organizations.errors.json';
  } catch {
    return 'resources.organizations.errors.json';
  }
};

export const OrganizationCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <ReferenceInput source="tenantId" reference="tenants">
        <SelectInput optionText="title" validate={required()} sx={{ minWidth: 320 }} />
      </ReferenceInput>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="inn" />
      <TextInput source="serviceLevel" helperText="resources.organizations.help.serviceLevel" />
      <DateInput source="contractFrom" />
      <DateInput source="contractUntil" />
      <TextInput
        source="slaTargets"
        validate={validateJson}
        helperText="resources.organizations.help.slaTargets"
        fullWidth
      />
      <TextInput source="contactName" />
      <TextInput source="contactEmail" type="email" />
      <TextInput source="contactPhone" />
    </SimpleForm>
  </Create>
);

export const organizations: Omit<ResourceProps, 'name'> = {
  list: OrganizationList,
  create: OrganizationCreate,
  icon: OrganizationIcon,
  recordRepresentation: 'name',
};
