import TicketIcon from '@mui/icons-material/ConfirmationNumberOutlined';
import type { ResourceProps } from 'react-admin';
import { TicketCreate } from './TicketCreate';
import { TicketList } from './TicketList';
import { TicketShow } from './TicketShow';

/** Props for <Resource name="tickets">. No edit: tickets change through workflow events. */
export const tickets: Omit<ResourceProps, 'name'> = {
  list: TicketList,
  show: TicketShow,
  create: TicketCreate,
  icon: TicketIcon,
  recordRepresentation: 'number',
};
