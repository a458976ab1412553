import { Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';

/**
 * Who made a history entry. The server writes `role:name` (`agent:ivanov@example.org`,
 * `integration:1C`) or a bare `system`; the role is shown in words, the name as it is.
 */
export const ActorField = (props: FieldProps) => {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (!value) return null;
  const actor = String(value);
  const colon = actor.indexOf(':');
  const role = colon < 0 ? actor : actor.slice(0, colon);
  const name = colon < 0 ? '' : actor.slice(colon + 1);
  return (
    <Typography component="span" variant="body2" title={actor}>
      {translate(`resources.tickets.actors.${role}`, { _: role })}
      {name && (
        <Typography component="span" variant="body2" color="text.secondary">
          {' '}
          {name}
        </Typography>
      )}
    </Typography>
  );
};
