/**
 * `/portal/<tenant>/new`: the tenant's public web form, generated from its workflow file
 * (public `portalTenant`): request kinds and each kind's required intake fields, the
 * channels with their hours in the tenant's time zone, and the announcements in force on top
 * (NSO-1). Submits through `submitRequest`; the number is shown at once and the personal
 * link goes to the requester's address.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  FormControl,
  FormHelperText,
  InputLabel,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Select,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { graphql, PortalApiError } from './api';
import { channelWords, fieldLabel, fieldWords, fileFields, type FieldLabels, formatInstant, longFields, utcOffset, zonedLocalToIso, zoneWords } from './format';
import { PortalShell } from './PortalShell';

interface PortalTenant {
  id: string;
  title: string;
  timezone: string;
  kinds: Array<{ id: string; title: string; requiredFields: string[] }>;
  fieldLabels: Array<{ field: string; label: string }>;
  channels: Array<{ kind: string; address: string | null; audience: string | null; official: boolean; hours: string | null; extension: string | null; note: string | null }>;
}
interface Announcement {
  id: string;
  kind: string;
  title: string;
  body: string;
  startsAt: string;
  endsAt: string | null;
}
interface Receipt {
  number: string;
  missingFields: string[];
  email: string;
}

const FORM_QUERY = `query PortalForm($id: ID!) {
  portalTenant(id: $id) {
    id title timezone
    kinds { id title requiredFields }
    fieldLabels { field label }
    channels { kind address audience official hours extension note }
  }
  announcements(tenantId: $id, activeOnly: true) { id kind title body startsAt endsAt }
}`;

const SUBMIT = `mutation SubmitRequest($input: SubmitRequestInput!) {
  submitRequest(input: $input) { number statusCategory missingFields }
}`;

export function RequestFormPage({ tenantId }: { tenantId: string }) {
  const [tenant, setTenant] = useState<PortalTenant | null | undefined>(undefined);
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  useEffect(() => {
    graphql<{ portalTenant: PortalTenant | null; announcements: Announcement[] }>('PortalForm', FORM_QUERY, { id: tenantId })
      .then((data) => {
        setTenant(data.portalTenant);
        setAnnouncements(data.announcements);
      })
      .catch((error: unknown) => {
        setTenant(null);
        setLoadError(error instanceof PortalApiError ? error.message : 'Не удалось загрузить форму. Попробуйте позже.');
      });
  }, [tenantId]);

  useEffect(() => {
    document.title = tenant ? `Обращение — ${tenant.title}` : 'Обращение в службу поддержки';
  }, [tenant]);

  if (tenant === undefined) {
    return (
      <PortalShell title="Обращение в службу поддержки">
        <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }} role="status" aria-live="polite">
          <CircularProgress aria-label="Загрузка формы" />
        </Box>
      </PortalShell>
    );
  }
  if (tenant === null) {
    return (
      <PortalShell title="Обращение в службу поддержки">
        <Alert severity="error">{loadError ?? 'Такой службы поддержки нет. Проверьте адрес страницы.'}</Alert>
      </PortalShell>
    );
  }

  return (
    <PortalShell title="Обращение в службу поддержки" subtitle={tenant.title}>
      <Stack spacing={2}>
        {announcements.map((a) => (
          <Alert key={a.id} severity={a.kind === 'outage' ? 'warning' : 'info'} component="section" aria-label={a.title}>
            <AlertTitle>{a.title}</AlertTitle>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-line' }}>
              {a.body}
            </Typography>
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {a.endsAt
                ? `С ${formatInstant(a.startsAt, tenant.timezone)} по ${formatInstant(a.endsAt, tenant.timezone)}`
                : `С ${formatInstant(a.startsAt, tenant.timezone)} до отдельного сообщения`}
            </Typography>
          </Alert>
        ))}
        {!tenant.channels.some((c) => c.kind === 'web') ? (
          <Alert severity="info">Эта служба поддержки не принимает обращения через веб-форму. Воспользуйтесь способами связи ниже.</Alert>
        ) : receipt ? (
          <ReceiptCard receipt={receipt} labels={tenant?.fieldLabels} onAnother={() => setReceipt(null)} />
        ) : (
          <RequestForm tenant={tenant} onSubmitted={setReceipt} />
        )}
        <Channels tenant={tenant} />
      </Stack>
    </PortalShell>
  );
}

function ReceiptCard({ receipt, labels, onAnother }: { receipt: Receipt; labels: FieldLabels; onAnother: () => void }) {
  return (
    <Alert severity="success" role="status" aria-live="polite" data-testid="receipt">
      <AlertTitle>Обращение зарегистрировано</AlertTitle>
      <Typography>
        Номер обращения: <strong data-testid="ticket-number">{receipt.number}</strong>
      </Typography>
      <Typography sx={{ mt: 1 }}>
        Персональная ссылка на страницу обращения отправлена на {receipt.email}. По ней вы увидите переписку, сроки и
        сможете ответить.
      </Typography>
      {receipt.missingFields.length > 0 && (
        <Typography sx={{ mt: 1 }}>
          В обращении не хватает сведений: {receipt.missingFields.map((f) => fieldWords(labels, f)).join(', ')}. Служба
          поддержки может запросить их.
        </Typography>
      )}
      <Button sx={{ mt: 1.5 }} variant="outlined" onClick={onAnother}>
        Подать ещё одно обращение
      </Button>
    </Alert>
  );
}

function RequestForm({ tenant, onSubmitted }: { tenant: PortalTenant; onSubmitted: (receipt: Receipt) => void }) {
  const [kindId, setKindId] = useState(tenant.kinds[0]?.id ?? '');
  const [subject, setSubject] = useState('');
  const [from, setFrom] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, File[]>>({});
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const kind = tenant.kinds.find((k) => k.id === kindId);
  // The requester's address is asked once: an `email` intake field takes it from `from`.
  const fields = useMemo(() => (kind?.requiredFields ?? []).filter((f) => f !== 'email'), [kind]);

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!subject.trim()) found.subject = 'Укажите тему обращения';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(from.trim())) found.from = 'Укажите адрес электронной почты, например ivanov@example.ru';
    for (const field of fields) {
      if (fileFields.has(field) ? !files[field]?.length : !values[field]?.trim()) {
        found[field] = fileFields.has(field) ? 'Приложите хотя бы один файл' : 'Заполните это поле';
      }
    }
    if (values.inn && !/^\d{10}(\d{2})?$/.test(values.inn.trim())) found.inn = 'ИНН — 10 или 12 цифр';
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setSubmitError(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`field-${first}`)?.focus();
      return;
    }
    const payload: Record<string, unknown> = {};
    for (const field of fields) {
      // Files travel as attachments; the server lists their names in the field they serve.
      if (fileFields.has(field)) continue;
      else if (field === 'occurredAt') payload[field] = zonedLocalToIso(values[field], tenant.timezone);
      else payload[field] = values[field].trim();
    }
    if (kind?.requiredFields.includes('email')) payload.email = from.trim();
    setBusy(true);
    try {
      const attachments = await Promise.all(Object.values(files).flat().map(toUpload));
      const { submitRequest } = await graphql<{ submitRequest: { number: string; missingFields: string[] } }>('SubmitRequest', SUBMIT, {
        input: { tenantId: tenant.id, kind: kindId || undefined, subject: subject.trim(), fields: payload, from: from.trim(), website, attachments },
      });
      onSubmitted({ number: submitRequest.number, missingFields: submitRequest.missingFields, email: from.trim() });
      window.scrollTo({ top: 0 });
    } catch (error) {
      setSubmitError(error instanceof PortalApiError ? error.message : 'Не удалось отправить обращение. Попробуйте позже.');
    } finally {
      setBusy(false);
    }
  }

  const text = (name: string, label: string, props: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      key={name}
      id={`field-${name}`}
      name={name}
      label={label}
      required
      value={name === 'subject' ? subject : name === 'from' ? from : (values[name] ?? '')}
      onChange={(e) =>
        name === 'subject' ? setSubject(e.target.value) : name === 'from' ? setFrom(e.target.value) : setValues((v) => ({ ...v, [name]: e.target.value }))
      }
      error={Boolean(errors[name])}
      helperText={errors[name] ?? props.helperText}
      {...props}
    />
  );

  return (
    <Card component="section" aria-labelledby="form-title">
      <CardContent>
        <Typography id="form-title" component="h2" variant="h6" sx={{ mb: 2 }}>
          Новое обращение
        </Typography>
        <Box component="form" noValidate onSubmit={submit}>
          <Stack spacing={2.5}>
            {tenant.kinds.length > 1 && (
              <FormControl fullWidth required>
                <InputLabel id="kind-label">Вид обращения</InputLabel>
                <Select labelId="kind-label" id="field-kind" label="Вид обращения" value={kindId} onChange={(e) => setKindId(String(e.target.value))}>
                  {tenant.kinds.map((k) => (
                    <MenuItem key={k.id} value={k.id}>
                      {k.title}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
            )}
            {tenant.kinds.length === 1 && (
              <Typography variant="body2" color="text.secondary">
                Вид обращения: {tenant.kinds[0].title}
              </Typography>
            )}
            {text('subject', 'Тема обращения')}
            {text('from', 'Ваш адрес электронной почты', {
              type: 'email',
              autoComplete: 'email',
              helperText: 'На этот адрес придут номер обращения и персональная ссылка на его страницу',
            })}
            {fields.map((field) => {
              const label = fieldLabel(tenant.fieldLabels, field);
              if (fileFields.has(field)) {
                return (
                  <FileField
                    key={field}
                    name={field}
                    label={label}
                    files={files[field] ?? []}
                    error={errors[field]}
                    onChange={(chosen) => setFiles((f) => ({ ...f, [field]: chosen }))}
                  />
                );
              }
              if (field === 'occurredAt') return text(field, label, { type: 'datetime-local', slotProps: { inputLabel: { shrink: true } }, helperText: `По времени службы поддержки (${utcOffset(new Date(), tenant.timezone)})` });
              if (field === 'phone') return text(field, label, { type: 'tel', autoComplete: 'tel' });
              if (field === 'fullName') return text(field, label, { autoComplete: 'name' });
              if (field === 'organization') return text(field, label, { autoComplete: 'organization' });
              if (field === 'inn') return text(field, label, { slotProps: { htmlInput: { inputMode: 'numeric' } } });
              if (longFields.has(field)) return text(field, label, { multiline: true, minRows: 3 });
              return text(field, label);
            })}
            {/* A honeypot: hidden from people and screen readers; robots fill every input. */}
            <Box aria-hidden="true" sx={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
              <label htmlFor="field-website">Веб-сайт</label>
              <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
            </Box>
            {submitError && (
              <Alert severity="error" role="alert">
                {submitError}
              </Alert>
            )}
            <Box>
              <Button type="submit" variant="contained" size="large" disabled={busy} sx={{ width: { xs: '100%', sm: 'auto' } }}>
                {busy ? 'Отправляем…' : 'Отправить обращение'}
              </Button>
            </Box>
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
}

/** Read by screen readers, not shown. */
const visuallyHidden = { position: 'absolute', width: 1, height: 1, p: 0, m: -1 / 8, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;

/** A chosen file as the API takes it: its bytes in base64. */
async function toUpload(file: File): Promise<{ filename: string; contentType: string; contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, contentType: file.type || 'application/octet-stream', contentBase64: btoa(binary) };
}

function FileField({ name, label, files, error, onChange }: { name: string; label: string; files: File[]; error?: string; onChange: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const accept = name === 'screenshots' ? 'image/*' : name === 'video' ? 'video/*' : undefined;
  return (
    <FormControl error={Boolean(error)} required component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="body1" sx={{ mb: 1 }}>
        {label} *
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
        {/* A real button opens the chooser, so it works from the keyboard; the input stays hidden. */}
        <Button variant="outlined" id={`field-${name}`} sx={{ alignSelf: 'flex-start' }} aria-describedby={`${name}-help`} onClick={() => input.current?.click()}>
          Выбрать файлы<Box component="span" sx={visuallyHidden}>: {label}</Box>
        </Button>
        <input
          ref={input}
          hidden
          type="file"
          name={name}
          multiple
          accept={accept}
          onChange={(e) => {
            const chosen = [...files, ...Array.from(e.target.files ?? [])];
            onChange(chosen.filter((f, i) => chosen.findIndex((g) => g.name === f.name) === i));
            e.target.value = '';
          }}
        />
        {files.length > 0 && (
          <Button variant="text" size="small" sx={{ alignSelf: 'flex-start' }} onClick={() => onChange([])} aria-label={`Убрать выбранные файлы: ${label}`}>
            Убрать
          </Button>
        )}
      </Stack>
      {files.length > 0 && (
        <List dense aria-label={`Выбранные файлы: ${label}`} data-testid={`files-${name}`}>
          {files.map((f) => (
            <ListItem key={f.name} disableGutters>
              <ListItemText primary={f.name} secondary={`${Math.max(1, Math.round(f.size / 1024))} КБ`} />
            </ListItem>
          ))}
        </List>
      )}
      <FormHelperText id={`${name}-help`}>
        {error ?? 'Файл — не больше 10 МБ, все файлы обращения — не больше 25 МБ.'}
      </FormHelperText>
    </FormControl>
  );
}

function Channels({ tenant }: { tenant: PortalTenant }) {
  const zone = zoneWords(tenant.timezone);
  const shown = tenant.channels.filter((c) => c.kind !== 'web');
  if (!shown.length) return null;
  const title = tenant.channels.some((c) => c.kind === 'web') ? 'Другие способы связи' : 'Способы связи';
  return (
    <Card component="section" aria-labelledby="channels-title">
      <CardContent>
        <Typography id="channels-title" component="h2" variant="h6">
          {title}
        </Typography>
        <List dense>
          {shown.map((c, i) => (
            <ListItem key={`${c.kind}-${c.address}-${i}`} disableGutters alignItems="flex-start">
              <ListItemText
                primary={
                  <>
                    {channelWords[c.kind] ?? c.kind}:{' '}
                    {c.kind === 'email' && c.address ? (
                      <a href={`mailto:${c.address}`}>{c.address}</a>
                    ) : c.kind === 'phone' && c.address ? (
                      <a href={`tel:${c.address.replace(/[^\d+]/g, '')}`}>{c.address}</a>
                    ) : (
                      c.address
                    )}
                    {c.extension ? `, доб. ${c.extension}` : ''}
                  </>
                }
                secondary={[
                  c.hours ? (c.hours === '24/7' ? 'круглосуточно' : `часы работы ${c.hours} (${zone})`) : null,
                  c.note,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
}
