import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';
import { createHashRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { Layout } from './components/Layout';
import { darkTheme, lightTheme } from './theme';
import { CalendarPage } from './pages/CalendarPage';
import { Dashboard } from './pages/Dashboard';
import { organizations } from './resources/organizations';
import { outbound } from './resources/outbound';
import { tenants } from './resources/tenants';
import { tickets } from './resources/tickets';
import { workflows } from './resources/workflows';
import { users } from './resources/users';
import { apiTokens } from './resources/apiTokens';

const ReglamentAdmin = () => (
  <Admin
    title="Регламент"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    requireAuth
    layout={Layout}
    theme={lightTheme}
    darkTheme={darkTheme}
    // Installations often sit on closed networks; react-admin's telemetry ping would
    // only fail there.
    disableTelemetry
  >
    <Resource name="tickets" {...tickets} />
    <Resource name="tenants" {...tenants} />
    <Resource name="organizations" {...organizations} />
    <Resource name="outbound" {...outbound} />
    {/* Admin only: authProvider.canAccess keeps them out of an agent's menu and pages. */}
    <Resource name="workflows" {...workflows} />
    <Resource name="users" {...users} />
    <Resource name="apiTokens" {...apiTokens} />
    <CustomRoutes>
      {/* Not react-admin's `dashboard`: agents land on their queue, the summary is one click away. */}
      <Route path="/dashboard" element={<Dashboard />} />
      <Route path="/calendar" element={<CalendarPage />} />
    </CustomRoutes>
  </Admin>
);

// Our own hash router instead of the one <Admin> creates, for one reason: router updates
// outside transitions. react-router 7 wraps every navigation in React.startTransition by
// default; with `requireAuth`, an anonymous visit then loops for seconds to minutes:
// react-admin's LogoutOnMount navigates to /login (a transition) and resets its query
// cache (an urgent update) that re-renders LogoutOnMount at the old location, which logs
// out and navigates again before the transition ever commits (marmelab/react-admin#10885;
// the back-office e2e test timed out on it). Synchronous router updates leave /login at once.
// <Admin> sees it is inside a router and creates none of its own.
const router = createHashRouter([{ path: '*', element: <ReglamentAdmin /> }]);

export const App = () => <RouterProvider router={router} useTransitions={false} />;
