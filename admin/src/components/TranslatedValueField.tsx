import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { Typography } from '@mui/material';

interface TranslatedValueFieldProps extends FieldProps {
  /** Message prefix; the value is looked up as `${prefix}.${value}`. */
  prefix: string;
}

/**
 * A coded value (channel, kind, priority) in words. Workflows may define values this
 * bundle does not know yet: those show as they are instead of as a missing key. No value
 * shows `emptyText` (a dash by default), so a labelled field never looks broken.
 */
export const TranslatedValueField = ({ prefix, emptyText = '—', ...props }: TranslatedValueFieldProps) => {
  const value = useFieldValue(props);
  const translate = useTranslate();
  const empty = value === null || value === undefined || value === '';
  return (
    <Typography component="span" variant="body2" color={empty ? 'text.secondary' : undefined}>
      {empty ? translate(emptyText, { _: emptyText }) : translate(`${prefix}.${value}`, { _: String(value) })}
    </Typography>
  );
};
