import { Admin, Resource } from 'react-admin';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { tenants } from './resources/tenants';
import { tickets } from './resources/tickets';

export const App = () => (
  <Admin
    title="Регламент"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    requireAuth
    // Installations often sit on closed networks; react-admin's telemetry ping would
    // only fail there.
    disableTelemetry
  >
    <Resource name="tickets" {...tickets} />
    <Resource name="tenants" {...tenants} />
  </Admin>
);
