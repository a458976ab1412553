import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import {
  Alert,
  Button as MuiButton,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  IconButton,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useGetOne, useTranslate, type RaRecord } from 'react-admin';
import { type EventField, type EventItem, type EventValue } from './eventForms';

type Values = Record<string, EventValue>;

/** What the server said about a refused event, for the dialog to show. */
export interface EventProblem {
  message: string;
  /** Names from BAD_USER_INPUT's extensions.fields, `data.` stripped. */
  fields: string[];
  conflict?: boolean;
}

const isEmpty = (value: EventValue | undefined, field?: EventField) => {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (field?.kind === 'items') {
    const items = value as EventItem[];
    return items.length === 0 || items.some((i) => i.what.trim() === '' || (field.itemDueRequired && !i.dueAt));
  }
  return value.length === 0;
};

const iso = (local: string) => new Date(local).toISOString();

/** The form values as the event's `data`: empty ones left out, local times as ISO. */
const toEventData = (fields: readonly EventField[], values: Values) =>
  Object.fromEntries(
    fields
      .filter((field) => !isEmpty(values[field.name]))
      .map((field) => {
        const value = values[field.name];
        if (field.kind === 'datetime' && typeof value === 'string') return [field.name, iso(value)];
        if (field.kind === 'items') {
          return [
            field.name,
            (value as EventItem[])
              .filter((i) => i.what.trim())
              .map((i) => (i.dueAt ? { what: i.what.trim(), dueAt: iso(i.dueAt) } : { what: i.what.trim() })),
          ];
        }
        return [field.name, typeof value === 'string' ? value.trim() : value];
      }),
  );

interface TicketEventDialogProps {
  ticket: RaRecord;
  /** The event's label, as on its button. */
  title: string;
  fields: readonly EventField[];
  /** Set while the event is on its way. */
  sending?: boolean;
  /** The server's refusal of the last try. */
  problem?: EventProblem | null;
  onCancel(): void;
  onSend(data: Record<string, unknown>): void;
  /** Offered on VERSION_CONFLICT: rereads the ticket so the next try carries its version. */
  onReload(): void;
}

/** Which intake fields REQUEST_INFO offers: the kind's required ones and whatever is missing. */
const useRequestableFields = (ticket: RaRecord): string[] => {
  const { data: tenant } = useGetOne('tenants', { id: ticket.tenantId }, { enabled: Boolean(ticket.tenantId) });
  const kinds: Array<{ id: string; requiredFields: string[] }> = Array.isArray(tenant?.kinds) ? tenant.kinds : [];
  const kind = kinds.find((k) => k.id === ticket.kind);
  const offered = [
    ...(kind?.requiredFields ?? kinds.flatMap((k) => k.requiredFields)),
    ...((ticket.missingFields as string[] | undefined) ?? []),
  ];
  const unique = [...new Set(offered)];
  // Nothing required and nothing missing: every intake field the workflow knows.
  const known: Array<{ field: string }> = Array.isArray(tenant?.fieldLabels) ? tenant.fieldLabels : [];
  return unique.length ? unique : known.map((f) => f.field);
};

/**
 * Asks for the data an event carries before it is sent. The dialog stays open until the
 * server accepts: a BAD_USER_INPUT marks the culprit fields, a VERSION_CONFLICT offers to
 * reload the ticket (the next try then carries the new version).
 */
export const TicketEventDialog = ({
  ticket,
  title,
  fields,
  sending,
  problem,
  onCancel,
  onSend,
  onReload,
}: TicketEventDialogProps) => {
  const translate = useTranslate();
  const requestable = useRequestableFields(ticket);
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(
      fields.map((field) => [
        field.name,
        field.initial?.(ticket) ??
          (field.kind === 'fieldList' ? [] : field.kind === 'items' ? [{ what: '', dueAt: '' }] : ''),
      ]),
    ),
  );
  const incomplete = fields.some((field) => field.required && isEmpty(values[field.name], field));
  const set = (name: string, value: EventValue) => setValues((v) => ({ ...v, [name]: value }));
  const fieldName = (name: string) => translate(`resources.tickets.fields.fields.${name}`, { _: name });
  const culprit = (name: string) => Boolean(problem?.fields.some((f) => f === name || f.startsWith(`${name}.`) || f.startsWith(`${name}[`)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!incomplete && !sending) onSend(toEventData(fields, values));
  };

  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {problem && (
              <Alert
                severity={problem.conflict ? 'warning' : 'error'}
                action={
                  problem.conflict ? (
                    <MuiButton color="inherit" size="small" onClick={onReload}>
                      {translate('resources.tickets.actions.reload')}
                    </MuiButton>
                  ) : undefined
                }
              >
                {problem.conflict ? translate('resources.tickets.notifications.version_conflict_dialog') : problem.message}
              </Alert>
            )}
            {fields.map((field) => {
              const label = translate(`resources.tickets.event_data.${field.name}`, { _: field.name });
              const error = culprit(field.name);
              const common = { name: field.name, label, required: field.required, fullWidth: true, error };
              switch (field.kind) {
                case 'fieldList': {
                  const chosen = values[field.name] as string[];
                  return (
                    <FormControl key={field.name} component="fieldset" required={field.required} error={error}>
                      <FormLabel component="legend">{label}</FormLabel>
                      <FormGroup sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr' }}>
                        {requestable.map((name) => (
                          <FormControlLabel
                            key={name}
                            label={fieldName(name)}
                            control={
                              <Checkbox
                                name={`${field.name}.${name}`}
                                checked={chosen.includes(name)}
                                onChange={(e) =>
                                  set(field.name, e.target.checked ? [...chosen, name] : chosen.filter((n) => n !== name))
                                }
                              />
                            }
                          />
                        ))}
                      </FormGroup>
                      <FormHelperText>{translate('resources.tickets.event_data.missing_help')}</FormHelperText>
                    </FormControl>
                  );
                }
                case 'items': {
                  const items = values[field.name] as EventItem[];
                  const setItem = (index: number, patch: Partial<EventItem>) =>
                    set(field.name, items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
                  return (
                    <FormControl key={field.name} component="fieldset" required={field.required} error={error}>
                      <FormLabel component="legend">{label}</FormLabel>
                      <Stack spacing={1} sx={{ pt: 1 }}>
                        {items.map((item, index) => (
                          <Stack key={index} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                            <TextField
                              size="small"
                              label={translate('resources.tickets.event_data.item_what')}
                              value={item.what}
                              required={field.required}
                              error={error}
                              onChange={(e) => setItem(index, { what: e.target.value })}
                              sx={{ flex: 2 }}
                            />
                            <TextField
                              size="small"
                              type="datetime-local"
                              label={translate('resources.tickets.event_data.item_dueAt')}
                              value={item.dueAt}
                              required={field.itemDueRequired}
                              error={error}
                              onChange={(e) => setItem(index, { dueAt: e.target.value })}
                              slotProps={{ inputLabel: { shrink: true } }}
                              sx={{ flex: 1 }}
                            />
                            <IconButton
                              aria-label={translate('ra.action.remove')}
                              disabled={items.length === 1}
                              onClick={() => set(field.name, items.filter((_, i) => i !== index))}
                            >
                              <DeleteIcon fontSize="small" />
                            </IconButton>
                          </Stack>
                        ))}
                        <MuiButton
                          size="small"
                          startIcon={<AddIcon />}
                          sx={{ alignSelf: 'flex-start' }}
                          onClick={() => set(field.name, [...items, { what: '', dueAt: '' }])}
                        >
                          {translate('ra.action.add')}
                        </MuiButton>
                      </Stack>
                    </FormControl>
                  );
                }
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
                          {field.choicesPrefix ? translate(`resources.tickets.${field.choicesPrefix}.${code}`, { _: code }) : code}
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
                case 'line':
                  return (
                    <TextField
                      key={field.name}
                      {...common}
                      value={values[field.name]}
                      onChange={(e) => set(field.name, e.target.value)}
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
          <MuiButton type="submit" variant="contained" disabled={incomplete || sending}>
            {translate('ra.action.confirm')}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};
