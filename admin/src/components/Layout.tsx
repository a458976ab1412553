import CalendarIcon from '@mui/icons-material/CalendarMonthOutlined';
import DashboardIcon from '@mui/icons-material/DashboardOutlined';
import type { ReactNode } from 'react';
import { Menu, Layout as RaLayout, useTranslate } from 'react-admin';
import { LiveUpdates } from '../live/LiveUpdates';

const AppMenu = () => {
  const translate = useTranslate();
  return (
    <Menu>
      <Menu.ResourceItems />
      <Menu.Item to="/dashboard" primaryText={translate('dashboard.menu')} leftIcon={<DashboardIcon />} />
      <Menu.Item to="/calendar" primaryText={translate('calendar.menu')} leftIcon={<CalendarIcon />} />
    </Menu>
  );
};

/** react-admin's layout with the live-updates subscription, which lives as long as the session. */
export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={AppMenu}>
    <LiveUpdates />
    {children}
  </RaLayout>
);
