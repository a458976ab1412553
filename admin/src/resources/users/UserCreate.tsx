import { Create, PasswordInput, SelectInput, SimpleForm, TextInput, email, minLength, required } from 'react-admin';
import { TenantsInput } from '../../components/TenantsInput';
import { roleChoices } from './roles';

/** The server's own minimum; checked here first so the form says it before sending. */
export const passwordRules = [minLength(8, 'resources.users.errors.password')];

/** A new agent (for some desks) or administrator, with the password they first sign in with. */
export const UserCreate = () => (
  <Create redirect="list" title="resources.users.titles.create">
    <SimpleForm defaultValues={{ role: 'agent', tenantIds: [] }}>
      <TextInput source="email" type="email" validate={[required(), email()]} sx={{ minWidth: 320 }} />
      <PasswordInput source="password" validate={[required(), ...passwordRules]} sx={{ minWidth: 320 }} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <TenantsInput helperText="resources.users.help.tenantIds" />
    </SimpleForm>
  </Create>
);
