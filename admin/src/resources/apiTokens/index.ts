import TokenIcon from '@mui/icons-material/KeyOutlined';
import type { ResourceProps } from 'react-admin';
import { ApiTokenCreate } from './ApiTokenCreate';
import { ApiTokenList } from './ApiTokenList';

/**
 * Props for <Resource name="apiTokens">: admins only (authProvider.canAccess). No edit: a
 * token's desks are fixed at creation; a changed need gets a new token and the old one revoked.
 */
export const apiTokens: Omit<ResourceProps, 'name'> = {
  list: ApiTokenList,
  create: ApiTokenCreate,
  icon: TokenIcon,
  recordRepresentation: 'name',
};
