import {
  BooleanInput,
  Edit,
  PasswordInput,
  SelectInput,
  SimpleForm,
  TextField,
  Labeled,
  SaveButton,
  Toolbar,
  useGetIdentity,
  useRecordContext,
} from 'react-admin';
import { TenantsInput } from '../../components/TenantsInput';
import { roleChoices } from './roles';
import { passwordRules } from './UserCreate';

/**
 * Role, desks, a new password and the disabled flag. The admin's own role and access are
 * read-only here (the server refuses those changes too), so nobody locks everyone out.
 */
const UserForm = () => {
  const user = useRecordContext();
  const { identity } = useGetIdentity();
  const self = Boolean(user && identity && String(user.id) === String(identity.id));
  return (
    // Save only: there is no deleting a user; one who leaves is disabled.
    <SimpleForm
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <Labeled source="email">
        <TextField source="email" />
      </Labeled>
      <SelectInput
        source="role"
        choices={roleChoices}
        disabled={self}
        helperText={self ? 'resources.users.help.self' : false}
      />
      <TenantsInput helperText="resources.users.help.tenantIds" />
      <PasswordInput
        source="password"
        label="resources.users.fields.newPassword"
        validate={passwordRules}
        helperText="resources.users.help.newPassword"
        autoComplete="new-password"
        sx={{ minWidth: 320 }}
      />
      <BooleanInput source="disabled" disabled={self} helperText="resources.users.help.disabled" />
    </SimpleForm>
  );
};

// Pessimistic: a refused change (BAD_USER_INPUT) shows under its input instead of being
// undone after the list already showed it.
export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <UserForm />
  </Edit>
);
