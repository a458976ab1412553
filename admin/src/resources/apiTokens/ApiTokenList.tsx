import { Chip } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Confirm,
  DataTable,
  List,
  SearchInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { useAllowedListQuery } from '../../components/useAllowedListQuery';
import { TenantsField } from '../../components/TenantsField';
import type { ReglamentDataProvider } from '../../providers/dataProvider';
import { errorMessage } from '../../providers/errors';

const tokenFilters = [<SearchInput key="q" source="q" alwaysOn />];

const TokenStatus = () => {
  const token = useRecordContext();
  const translate = useTranslate();
  if (!token) return null;
  return token.revokedAt ? (
    <Chip size="small" label={translate('resources.apiTokens.status.revoked')} />
  ) : (
    <Chip size="small" color="success" variant="outlined" label={translate('resources.apiTokens.status.active')} />
  );
};

/** Revokes after a confirmation: the system using the token loses access at once, for good. */
const RevokeButton = () => {
  const token = useRecordContext();
  const dataProvider = useDataProvider<ReglamentDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!token || token.revokedAt) return null;
  const revoke = async () => {
    setBusy(true);
    try {
      await dataProvider.revokeApiToken(token.id);
      notify('resources.apiTokens.revoke.done', { type: 'success' });
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
      setAsking(false);
      refresh();
    }
  };
  return (
    <>
      <Button label="resources.apiTokens.revoke.button" color="error" onClick={() => setAsking(true)} />
      <Confirm
        isOpen={asking}
        loading={busy}
        title="resources.apiTokens.revoke.title"
        titleTranslateOptions={{ name: token.name }}
        content="resources.apiTokens.revoke.content"
        confirm="resources.apiTokens.revoke.button"
        confirmColor="warning"
        onConfirm={revoke}
        onClose={() => setAsking(false)}
      />
    </>
  );
};

/** The API tokens of external systems, revoked ones too; never their secrets (admin only). */
export const ApiTokenList = () => {
  const queryOptions = useAllowedListQuery('apiTokens');
  return (
    <List queryOptions={queryOptions} filters={tokenFilters} sort={{ field: 'createdAt', order: 'ASC' }}>
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="tenantIds" disableSort>
          <TenantsField />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="lastUsedAt">
          <DateTimeField source="lastUsedAt" emptyText="resources.apiTokens.never" />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <TokenStatus />
        </DataTable.Col>
        <DataTable.Col source="revokedAt">
          <DateTimeField source="revokedAt" emptyText="" />
        </DataTable.Col>
        <DataTable.Col disableSort>
          <RevokeButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
