import { Typography, type SxProps, type Theme } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';

/**
 * A state of the tenant's machine in words. Nested states are dot-separated
 * (`open.in_development`): each level is translated on its own. A state the bundle has no
 * words for (a workflow's own) shows its name; the raw name is always in the tooltip.
 */
export const StateField = ({ emptyText = '—', sx, ...props }: FieldProps & { sx?: SxProps<Theme> }) => {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (value === null || value === undefined || value === '') {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate(emptyText, { _: emptyText })}
      </Typography>
    );
  }
  const state = String(value);
  const words = state
    .split('.')
    .map((level) => translate(`resources.tickets.states.${level}`, { _: level }))
    .join(' › ');
  return (
    <Typography component="span" variant="body2" title={state} sx={sx}>
      {words}
    </Typography>
  );
};
