import { Box, Typography } from '@mui/material';
import { useFieldValue, useRecordContext, useTranslate, type FieldProps } from 'react-admin';

// Intake values are JSON: mostly strings, sometimes lists (attachment names) or objects
// (report parameters). Lists read best as a comma list, objects as compact JSON.
const formatValue = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value ?? '');
};

/**
 * The ticket's intake data (`fields`) as label/value pairs, and after them every field the
 * workflow requires and the ticket lacks (`missingFields`), highlighted.
 */
export const IntakeFieldsField = (props: FieldProps) => {
  const fields: Record<string, unknown> = useFieldValue(props) ?? {};
  const ticket = useRecordContext(props);
  const translate = useTranslate();
  const missing: string[] = Array.isArray(ticket?.missingFields) ? ticket.missingFields : [];
  const entries = Object.entries(fields).filter(([name]) => !missing.includes(name));
  if (entries.length === 0 && missing.length === 0) {
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
      {missing.map((name) => (
        <Box key={name} sx={{ display: 'contents' }} data-missing={name}>
          <Typography component="dt" variant="body2" sx={{ color: 'warning.dark', fontWeight: 500 }}>
            {translate(`resources.tickets.fields.fields.${name}`, { _: name })}
          </Typography>
          <Typography
            component="dd"
            variant="body2"
            sx={{ m: 0, color: 'warning.dark', bgcolor: 'rgba(237, 108, 2, 0.08)', px: 0.5, borderRadius: 0.5, fontStyle: 'italic' }}
          >
            {formatValue(fields[name]) || translate('resources.tickets.sections.not_given')}
          </Typography>
        </Box>
      ))}
    </Box>
  );
};
