/**
 * The requester portal: the second entry of the admin build (`portal.html`), served by the
 * server for every `/portal/...` path. React and MUI only, no react-admin shell: a public
 * web form per tenant (`/portal/<tenant>/new`) and the personal ticket page
 * (`/portal/t/<token>`). It knows the server only through GraphQL.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { ruRU } from '@mui/material/locale';
import { PortalShell } from './PortalShell';
import { RequestFormPage } from './RequestFormPage';
import { TicketPage } from './TicketPage';

/** The keyboard focus ring: 3:1 or more against white, the page's grey and the light message backgrounds. */
const focusRing = '#0b2f5e';

const theme = createTheme(
  {
    palette: {
      // Darker than MUI's defaults: text on these passes WCAG AA contrast.
      primary: { main: '#1d4f91' },
      secondary: { main: '#6a1b9a' },
    },
    typography: { fontSize: 15 },
    components: {
      // Keyboard focus as a ring that stands out on any background (WCAG 2.4.7, 1.4.11): MUI's
      // own focus ripple is a faint glow, under 3:1 against a filled button.
      MuiButtonBase: { styleOverrides: { root: { '&.Mui-focusVisible': { outline: `3px solid ${focusRing}`, outlineOffset: 2 } } } },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTextField: { defaultProps: { fullWidth: true } },
    },
  },
  ruRU,
);

function route(pathname: string) {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  // ['portal', 't', token] | ['portal', tenant, 'new'] | ['portal', tenant]
  if (parts[0] !== 'portal') return <NotFound />;
  if (parts[1] === 't' && parts[2]) return <TicketPage token={parts[2]} />;
  if (parts[1] && (parts[2] === 'new' || parts.length === 2)) return <RequestFormPage tenantId={parts[1]} />;
  return <NotFound />;
}

function NotFound() {
  return (
    <PortalShell title="Страница не найдена">
      <p>
        Такой страницы нет. Откройте ссылку из письма о регистрации обращения или форму обращения вашей организации.
      </p>
    </PortalShell>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('portal.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {route(window.location.pathname)}
    </ThemeProvider>
  </StrictMode>,
);
