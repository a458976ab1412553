import { Chip, type ChipProps } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import type { StatusCategory } from './choices';

// One colour per category, so an agent scanning the queue sees what waits on whom.
export const STATUS_CATEGORY_COLORS: Record<StatusCategory, NonNullable<ChipProps['color']>> = {
  new: 'info',
  open: 'primary',
  waiting_customer: 'warning',
  resolved: 'success',
  closed: 'default',
};

/** The ticket's status category as a coloured chip. */
export const StatusCategoryChip = (props: Partial<FieldProps>) => {
  const value = useFieldValue({ ...props, source: props.source ?? 'statusCategory' });
  const translate = useTranslate();
  if (!value) return null;
  return (
    <Chip
      size="small"
      color={STATUS_CATEGORY_COLORS[value as StatusCategory] ?? 'default'}
      label={translate(`resources.tickets.statusCategory.${value}`, { _: String(value) })}
      // A chip is as wide as its words, also in a stretching (flex column) layout.
      sx={{ alignSelf: 'flex-start' }}
    />
  );
};
