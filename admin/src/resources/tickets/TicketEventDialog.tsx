import {
  Button as MuiButton,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslate, type RaRecord } from 'react-admin';
import { INTAKE_FIELDS, type EventField } from './eventForms';

type Values = Record<string, string | string[]>;

const isEmpty = (value: string | string[] | undefined) =>
  value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');

/** The form values as the event's `data`: empty ones left out, local times as ISO. */
const toEventData = (fields: readonly EventField[], values: Values) =>
  Object.fromEntries(
    fields
      .filter((field) => !isEmpty(values[field.name]))
      .map((field) => {
        const value = values[field.name];
        if (field.kind === 'datetime' && typeof value === 'string') {
          return [field.name, new Date(value).toISOString()];
        }
        return [field.name, typeof value === 'string' ? value.trim() : value];
      }),
  );

interface TicketEventDialogProps {
  ticket: RaRecord;
  /** The event's label, as on its button. */
  title: string;
  fields: readonly EventField[];
  onCancel(): void;
  onSend(data: Record<string, unknown>): void;
}

/** Asks for the data of one event (what to request, the solution, a reason) before sending it. */
export const TicketEventDialog = ({ ticket, title, fields, onCancel, onSend }: TicketEventDialogProps) => {
  const translate = useTranslate();
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(
      fields.map((field) => [field.name, field.initial?.(ticket) ?? (field.kind === 'fieldList' ? [] : '')]),
    ),
  );
  const incomplete = fields.some((field) => field.required && isEmpty(values[field.name]));
  const set = (name: string, value: string | string[]) => setValues((v) => ({ ...v, [name]: value }));
  const fieldName = (name: string) => translate(`resources.tickets.fields.fields.${name}`, { _: name });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!incomplete) onSend(toEventData(fields, values));
  };

  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {fields.map((field) => {
              const label = translate(`resources.tickets.event_data.${field.name}`, { _: field.name });
              const common = {
                name: field.name,
                label,
                required: field.required,
                fullWidth: true,
              };
              switch (field.kind) {
                case 'fieldList':
                  return (
                    <TextField
                      key={field.name}
                      {...common}
                      select
                      value={values[field.name] as string[]}
                      onChange={(e) => set(field.name, e.target.value as unknown as string[])}
                      slotProps={{
                        select: {
                          multiple: true,
                          renderValue: (selected) => (
                            <Stack direction="row" useFlexGap spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                              {(selected as string[]).map((name) => (
                                <Chip key={name} size="small" label={fieldName(name)} />
                              ))}
                            </Stack>
                          ),
                        },
                      }}
                    >
                      {INTAKE_FIELDS.map((name) => (
                        <MenuItem key={name} value={name}>
                          {fieldName(name)}
                        </MenuItem>
                      ))}
                    </TextField>
                  );
                case 'select':
                  return (
                    <TextField
                      key={field.name}
                      {...common}
                      select
                      value={values[field.name]}
                      onChange={(e) => set(field.name, e.target.value)}
                    >
                      {(field.choices ?? []).map((code) => (
                        <MenuItem key={code} value={code}>
                          {translate(`resources.tickets.${field.choicesPrefix}.${code}`, { _: code })}
                        </MenuItem>
                      ))}
                    </TextField>
                  );
                case 'datetime':
                  return (
                    <TextField
                      key={field.name}
                      {...common}
                      type="datetime-local"
                      value={values[field.name]}
                      onChange={(e) => set(field.name, e.target.value)}
                      slotProps={{ inputLabel: { shrink: true } }}
                    />
                  );
                default:
                  return (
                    <TextField
                      key={field.name}
                      {...common}
                      multiline
                      minRows={3}
                      autoFocus
                      value={values[field.name]}
                      onChange={(e) => set(field.name, e.target.value)}
                    />
                  );
              }
            })}
          </Stack>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onCancel}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={incomplete}>
            {translate('ra.action.confirm')}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};
