import { Box, Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';

// Intake values are JSON: mostly strings, sometimes lists (attachment names) or objects
// (report parameters). Lists read best as a comma list, objects as compact JSON.
const formatValue = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value ?? '');
};

/** The ticket's intake data (`fields`) as label/value pairs. */
export const IntakeFieldsField = (props: FieldProps) => {
  const fields: Record<string, unknown> = useFieldValue(props) ?? {};
  const translate = useTranslate();
  const entries = Object.entries(fields);
  if (entries.length === 0) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        —
      </Typography>
    );
  }
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
    >
      {entries.map(([name, value]) => (
        <Box key={name} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {translate(`resources.tickets.fields.fields.${name}`, { _: name })}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
            {formatValue(value)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
};
