import {
  Create,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
} from 'react-admin';
import { channelChoices, kindChoices } from './choices';

/**
 * Registers a request taken by an agent (typically a phone call, hence the default
 * channel). Only the tenant and channel are required: the contract never refuses a
 * request for incomplete content; the ticket's `missingFields` shows what to ask for.
 */
export const TicketCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ channel: 'phone' }}>
      <ReferenceInput source="tenantId" reference="tenants">
        <SelectInput optionText="title" validate={required()} />
      </ReferenceInput>
      <SelectInput source="channel" choices={channelChoices} validate={required()} />
      <SelectInput source="kind" choices={kindChoices} />
      <TextInput source="subject" fullWidth />
      <TextInput source="fields.fullName" />
      <TextInput source="fields.email" type="email" />
      <TextInput source="fields.description" multiline minRows={4} fullWidth />
    </SimpleForm>
  </Create>
);
