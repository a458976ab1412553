import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

// DateField formats with the browser's locale by default; agents switching the UI
// language expect dates to follow it.
export const DATE_LOCALES: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };

/** Date and time in the UI's language. */
export const DateTimeField = (props: DateFieldProps) => {
  const [locale] = useLocaleState();
  return <DateField showTime locales={DATE_LOCALES[locale] ?? locale} {...props} />;
};
