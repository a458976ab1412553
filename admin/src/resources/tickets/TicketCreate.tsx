import {
  Create,
  FormDataConsumer,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useGetOne,
} from 'react-admin';
import { channelChoices, kindChoices } from './choices';

/**
 * The channels the chosen tenant offers (the server refuses any other); every contract
 * channel until a tenant is chosen.
 */
const ChannelInput = ({ tenantId }: { tenantId?: string }) => {
  const { data: tenant } = useGetOne('tenants', { id: tenantId ?? '' }, { enabled: Boolean(tenantId) });
  const offered = new Set<string>(
    Array.isArray(tenant?.channels) ? tenant.channels.map((c: { kind: string }) => c.kind) : [],
  );
  const choices = offered.size
    ? [...offered].map((kind) => channelChoices.find((c) => c.id === kind) ?? { id: kind, name: kind })
    : channelChoices;
  return <SelectInput source="channel" choices={choices} validate={required()} />;
};

/**
 * Registers a request taken by an agent (typically a phone call, hence the default
 * channel). Only the tenant and channel are required: the contract never refuses a
 * request for incomplete content; the ticket's `missingFields` shows what to ask for.
 */
export const TicketCreate = () => (
  <Create redirect="show" title="resources.tickets.titles.create">
    <SimpleForm defaultValues={{ channel: 'phone' }}>
      <ReferenceInput source="tenantId" reference="tenants">
        <SelectInput optionText="title" validate={required()} sx={{ minWidth: 320 }} />
      </ReferenceInput>
      <FormDataConsumer<{ tenantId?: string }>>
        {({ formData }) => <ChannelInput tenantId={formData.tenantId} />}
      </FormDataConsumer>
      <SelectInput source="kind" choices={kindChoices} />
      <TextInput source="subject" fullWidth />
      <TextInput source="fields.fullName" />
      <TextInput source="fields.email" type="email" />
      <TextInput source="fields.description" multiline minRows={4} fullWidth />
    </SimpleForm>
  </Create>
);
