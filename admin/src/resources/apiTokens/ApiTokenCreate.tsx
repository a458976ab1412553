import { useState } from 'react';
import { Create, SimpleForm, TextInput, required, useRedirect } from 'react-admin';
import { TenantsInput } from '../../components/TenantsInput';
import { TokenSecretDialog } from './TokenSecretDialog';

/**
 * A token for an external system and the desks it may work with. Once created, its secret
 * is shown in a dialog, the only time it is ever shown; the list comes after.
 */
export const ApiTokenCreate = () => {
  const [secret, setSecret] = useState<string | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create
        title="resources.apiTokens.titles.create"
        mutationOptions={{ onSuccess: (created) => setSecret(String(created.token)) }}
      >
        <SimpleForm defaultValues={{ tenantIds: [] }}>
          <TextInput source="name" validate={required()} helperText="resources.apiTokens.help.name" sx={{ minWidth: 320 }} />
          <TenantsInput helperText="resources.apiTokens.help.tenantIds" validate={required()} />
        </SimpleForm>
      </Create>
      {secret && <TokenSecretDialog token={secret} onClose={() => redirect('list', 'apiTokens')} />}
    </>
  );
};
