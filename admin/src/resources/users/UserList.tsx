import { Chip, Typography } from '@mui/material';
import { DataTable, List, SearchInput, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { useAllowedListQuery } from '../../components/useAllowedListQuery';
import { TenantsField } from '../../components/TenantsField';
import { TranslatedValueField } from '../../components/TranslatedValueField';

const userFilters = [<SearchInput key="q" source="q" alwaysOn />];

/** An admin sees every desk whatever `tenantIds` says, so the list says so. */
const UserTenants = () => {
  const user = useRecordContext();
  const translate = useTranslate();
  if (user?.role === 'admin') {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('resources.users.all_tenants')}
      </Typography>
    );
  }
  return <TenantsField />;
};

const UserStatus = () => {
  const user = useRecordContext();
  const translate = useTranslate();
  if (!user) return null;
  return user.disabled ? (
    <Chip size="small" color="default" label={translate('resources.users.status.disabled')} />
  ) : (
    <Chip size="small" color="success" variant="outlined" label={translate('resources.users.status.active')} />
  );
};

/** Everyone who signs in to the back office, oldest first (admin only). */
export const UserList = () => {
  const queryOptions = useAllowedListQuery('users');
  return (
    <List queryOptions={queryOptions} filters={userFilters} sort={{ field: 'createdAt', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="email" />
        <DataTable.Col source="role">
          <TranslatedValueField source="role" prefix="resources.users.role" />
        </DataTable.Col>
        <DataTable.Col source="tenantIds" disableSort>
          <UserTenants />
        </DataTable.Col>
        <DataTable.Col source="disabled" label="resources.users.fields.status">
          <UserStatus />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
