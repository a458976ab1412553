import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { Typography } from '@mui/material';

interface TranslatedValueFieldProps extends FieldProps {
  /** Message prefix; the value is looked up as `${prefix}.${value}`. */
  prefix: string;
}

/**
 * A coded value (channel, kind, priority) in words. Workflows may define values this
 * bundle does not know yet: those show as they are instead of as a missing key.
 */
export const TranslatedValueField = ({ prefix, ...props }: TranslatedValueFieldProps) => {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (value === null || value === undefined || value === '') return null;
  return (
    <Typography component="span" variant="body2">
      {translate(`${prefix}.${value}`, { _: String(value) })}
    </Typography>
  );
};
