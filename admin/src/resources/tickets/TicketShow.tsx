import { Box, CardContent, Divider, Stack, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import {
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  useRecordContext,
} from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { TranslatedValueField } from '../../components/TranslatedValueField';
import { IntakeFieldsField } from './IntakeFieldsField';
import { MissingFieldsField } from './MissingFieldsField';
import { StateField } from './StateField';
import { StatusCategoryChip } from './StatusCategoryChip';
import { TicketEventButtons } from './TicketEventButtons';
import { TicketHistoryField } from './TicketHistoryField';
import { WorkflowSection } from './WorkflowSection';
import {
  ActsSection,
  AttachmentsSection,
  ComplaintsSection,
  DeadlinesSection,
  LinksSection,
  MessagesSection,
} from './TicketSections';

/** The ticket's subject as the heading of the page, its number above it. */
const TicketHeading = () => {
  const ticket = useRecordContext();
  if (!ticket) return null;
  return (
    <Box>
      <Typography variant="overline" color="text.secondary" component="div">
        {ticket.number}
      </Typography>
      <Typography variant="h6" component="h2">
        {ticket.subject || '—'}
      </Typography>
    </Box>
  );
};

/** A labelled value in the facts grid. */
const Fact = ({ children }: { children: ReactElement<{ source?: string }> }) => (
  <Labeled>{children}</Labeled>
);

/**
 * One ticket: what it is, what it still lacks, what happened to it, and (in the toolbar)
 * what the workflow lets the agent do next. Tickets change only through those events,
 * hence no edit view. The short facts sit in a grid so the intake data and the history
 * are on screen without scrolling.
 */
export const TicketShow = () => (
  <Show actions={<TicketEventButtons />}>
    <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <TicketHeading />
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
          columnGap: 3,
          rowGap: 1,
        }}
      >
        <Fact>
          <StatusCategoryChip source="statusCategory" />
        </Fact>
        <Fact>
          <StateField source="state" />
        </Fact>
        <Fact>
          <ReferenceField source="tenantId" reference="tenants" link={false} />
        </Fact>
        <Fact>
          <TranslatedValueField source="kind" prefix="resources.tickets.kind" />
        </Fact>
        <Fact>
          <TranslatedValueField source="channel" prefix="resources.tickets.channel" />
        </Fact>
        <Fact>
          <TranslatedValueField source="priority" prefix="resources.tickets.priority" />
        </Fact>
        <Fact>
          <TranslatedValueField source="audience" prefix="resources.tickets.audience" />
        </Fact>
        <Fact>
          <TranslatedValueField source="closeReason" prefix="resources.tickets.closeReason" />
        </Fact>
        <Fact>
          <DateTimeField source="createdAt" />
        </Fact>
        <Fact>
          <DateTimeField source="updatedAt" />
        </Fact>
        <Fact>
          <NumberField source="version" />
        </Fact>
      </Box>
      <DeadlinesSection />
      <WorkflowSection />
      <Divider />
      <Labeled source="missingFields" fullWidth>
        <MissingFieldsField source="missingFields" />
      </Labeled>
      <Labeled label="resources.tickets.sections.intake" fullWidth>
        <IntakeFieldsField source="fields" />
      </Labeled>
      <Divider />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 3 }}>
        <Stack spacing={2}>
          <MessagesSection />
          <ActsSection />
          <ComplaintsSection />
          <AttachmentsSection />
          <LinksSection />
        </Stack>
        <Labeled source="history" fullWidth>
          <TicketHistoryField />
        </Labeled>
      </Box>
    </CardContent>
  </Show>
);
