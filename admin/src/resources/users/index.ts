import UserIcon from '@mui/icons-material/ManageAccountsOutlined';
import type { ResourceProps } from 'react-admin';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';

/** Props for <Resource name="users">: admins only (authProvider.canAccess). */
export const users: Omit<ResourceProps, 'name'> = {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: UserIcon,
  recordRepresentation: 'email',
};
