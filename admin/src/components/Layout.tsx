import CalendarIcon from '@mui/icons-material/CalendarMonthOutlined';
import DashboardIcon from '@mui/icons-material/DashboardOutlined';
import type { ReactNode } from 'react';
import {
  AppBar,
  Layout as RaLayout,
  LoadingIndicator,
  LocalesMenuButton,
  Menu,
  ToggleThemeButton,
  UserMenu,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
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

/**
 * The user menu's button is named by what it shows (the signed-in address), so speech input
 * and screen readers agree with the eye (WCAG 2.5.3); react-admin names it «Профиль».
 */
const ReglamentAppBar = () => {
  const { identity } = useGetIdentity();
  return (
    <AppBar
      color="primary"
      toolbar={<AppBarTools />}
      userMenu={<UserMenu label={identity?.fullName ? String(identity.fullName) : 'ra.auth.user_menu'} />}
    />
  );
};

/**
 * react-admin's own tools, the loading spinner named: LoadingIndicator hands extra props to
 * its spinner, which otherwise says nothing to a screen reader.
 */
const AppBarTools = () => {
  const translate = useTranslate();
  const named = { 'aria-label': translate('ra.page.loading') } as object;
  return (
    <>
      <LocalesMenuButton />
      <ToggleThemeButton />
      <LoadingIndicator {...named} />
    </>
  );
};

/** react-admin's layout with the live-updates subscription, which lives as long as the session. */
export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={AppMenu} appBar={ReglamentAppBar}>
    <LiveUpdates />
    {children}
  </RaLayout>
);
