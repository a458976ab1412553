import { Chip, Stack, Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';

/** What the workflow still needs from the requester, in words. */
export const MissingFieldsField = (props: FieldProps) => {
  const missing: string[] = useFieldValue(props) ?? [];
  const translate = useTranslate();
  if (missing.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.tickets.sections.nothing_missing')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {missing.map((name) => (
        <Chip
          key={name}
          size="small"
          color="warning"
          variant="outlined"
          label={translate(`resources.tickets.fields.fields.${name}`, { _: name })}
        />
      ))}
    </Stack>
  );
};
