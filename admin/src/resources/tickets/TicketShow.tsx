import {
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { TranslatedValueField } from '../../components/TranslatedValueField';
import { IntakeFieldsField } from './IntakeFieldsField';
import { MissingFieldsField } from './MissingFieldsField';
import { StatusCategoryChip } from './StatusCategoryChip';
import { TicketEventButtons } from './TicketEventButtons';
import { TicketHistoryField } from './TicketHistoryField';

/**
 * One ticket: what it is, what it still lacks, what happened to it, and (in the toolbar)
 * what the workflow lets the agent do next. Tickets change only through those events,
 * hence no edit view.
 */
export const TicketShow = () => (
  <Show actions={<TicketEventButtons />}>
    <SimpleShowLayout>
      <TextField source="number" />
      <TextField source="subject" />
      <ReferenceField source="tenantId" reference="tenants" link={false} />
      <StatusCategoryChip source="statusCategory" />
      <TextField source="state" />
      <TranslatedValueField source="priority" prefix="resources.tickets.priority" />
      <TranslatedValueField source="kind" prefix="resources.tickets.kind" />
      <TranslatedValueField source="channel" prefix="resources.tickets.channel" />
      <TextField source="closeReason" emptyText="—" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="updatedAt" />
      <NumberField source="version" />
      <MissingFieldsField source="missingFields" />
      <IntakeFieldsField source="fields" label="resources.tickets.sections.intake" />
      <Labeled source="history" fullWidth>
        <TicketHistoryField />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
