import {
  Create,
  FormDataConsumer,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useGetOne,
  useTranslate,
} from 'react-admin';
import { channelChoices } from './choices';

interface TenantForm {
  channels?: Array<{ kind: string }>;
  kinds?: Array<{ id: string; title: string; requiredFields: string[] }>;
  fieldLabels?: Array<{ field: string; label: string }>;
}

/** Who the requester is, asked of every request whatever its kind: the desk has to answer someone. */
const CONTACT_FIELDS = ['fullName', 'phone', 'email', 'organization', 'inn'];
const LONG_FIELDS = new Set(['description', 'steps', 'reportParams', 'errorText']);

/** The channels the chosen tenant offers (the server refuses any other). */
const ChannelInput = ({ tenant }: { tenant?: TenantForm }) => {
  const offered = [...new Set((tenant?.channels ?? []).map((c) => c.kind))];
  const choices = offered.length ? offered.map((kind) => channelChoices.find((c) => c.id === kind) ?? { id: kind, name: kind }) : channelChoices;
  return <SelectInput source="channel" choices={choices} validate={required()} />;
};

/**
 * The chosen tenant's request kinds, and the intake fields of the chosen kind (the ones its
 * workflow requires) after the requester's contacts, labelled as the desk names them.
 */
const TenantInputs = ({ tenantId, kind }: { tenantId?: string; kind?: string }) => {
  const translate = useTranslate();
  const { data: tenant } = useGetOne<TenantForm & { id: string }>('tenants', { id: tenantId ?? '' }, { enabled: Boolean(tenantId) });
  if (!tenantId) return null;
  const kinds = tenant?.kinds ?? [];
  const required = kinds.find((k) => k.id === kind)?.requiredFields ?? [];
  const fields = [...new Set([...CONTACT_FIELDS, ...required, 'description'])];
  const label = (field: string) =>
    translate(`resources.tickets.fields.fields.${field}`, { _: tenant?.fieldLabels?.find((l) => l.field === field)?.label ?? field });
  return (
    <>
      <ChannelInput tenant={tenant} />
      <SelectInput source="kind" choices={kinds.map((k) => ({ id: k.id, name: k.title }))} translateChoice={false} />
      <TextInput source="subject" fullWidth />
      <TextInput source="from" type="email" helperText="resources.tickets.create.from_help" />
      <ReferenceInput source="organizationId" reference="organizations" filter={{ tenantId }}>
        <SelectInput optionText="name" helperText="resources.tickets.create.organization_help" />
      </ReferenceInput>
      {fields.map((field) => (
        <TextInput
          key={field}
          source={`fields.${field}`}
          label={label(field)}
          multiline={LONG_FIELDS.has(field)}
          minRows={LONG_FIELDS.has(field) ? 3 : undefined}
          fullWidth={LONG_FIELDS.has(field)}
          helperText={required.includes(field) ? 'resources.tickets.create.required_by_kind' : false}
        />
      ))}
    </>
  );
};

/**
 * Registers a request taken by an agent: a phone call (hence the default channel) or a
 * request on behalf of a requester (`from`: letters about it go to that address). Only the
 * tenant and channel are required: the contract never refuses a request for incomplete
 * content; the ticket's `missingFields` shows what to ask for.
 */
export const TicketCreate = () => (
  <Create redirect="show" title="resources.tickets.titles.create">
    <SimpleForm defaultValues={{ channel: 'phone' }}>
      <ReferenceInput source="tenantId" reference="tenants">
        <SelectInput optionText="title" validate={required()} sx={{ minWidth: 320 }} />
      </ReferenceInput>
      <FormDataConsumer<{ tenantId?: string; kind?: string }>>
        {({ formData }) => <TenantInputs tenantId={formData.tenantId} kind={formData.kind} />}
      </FormDataConsumer>
    </SimpleForm>
  </Create>
);
