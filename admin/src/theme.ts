/**
 * react-admin's themes with colours that pass WCAG 2 AA contrast (4.5:1 for text): its
 * default blue (#2196f3) under white app-bar text gives 3.1:1, and MUI's warning orange on
 * white 3.1:1. Checked by the back office's axe audit (test/e2e/back-office-workflows.test.ts).
 */
import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    // 5.8:1 under white text, 5.5:1 as text on the page's background.
    primary: { main: '#1565c0' },
    // Amber countdown chips and missing intake fields: 5.0:1 and 5.7:1 on white.
    warning: { main: '#b45309', dark: '#9a4a00' },
  },
};

export const darkTheme: RaThemeOptions = defaultDarkTheme;
