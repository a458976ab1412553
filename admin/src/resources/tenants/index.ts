import TenantIcon from '@mui/icons-material/ApartmentOutlined';
import type { ResourceProps } from 'react-admin';
import { TenantList } from './TenantList';

/** Props for <Resource name="tenants">. */
export const tenants: Omit<ResourceProps, 'name'> = {
  list: TenantList,
  recordRepresentation: 'title',
  icon: TenantIcon,
};
