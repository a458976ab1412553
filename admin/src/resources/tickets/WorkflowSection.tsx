import { Accordion, AccordionDetails, AccordionSummary, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { useGetOne, useRecordContext, useTranslate } from 'react-admin';
import { apolloClient } from '../../providers/apolloClient';
import { WORKFLOW_GRAPH, eventTitlesOf, type WorkflowGraph } from '../workflows/graph';
import { StateField } from './StateField';
import { Spinner } from '../../components/Spinner';

// Fetched on unfolding: the layout engine is large and most visits never open the diagram.
const WorkflowDiagram = lazy(() => import('../workflows/WorkflowDiagram').then((m) => ({ default: m.WorkflowDiagram })));

/**
 * The ticket's place in its workflow: the diagram of the version the ticket runs on (not
 * necessarily the one in force), its current state highlighted. Folded until asked for, so
 * the page stays quick; drawn once unfolded.
 */
export const WorkflowSection = () => {
  const ticket = useRecordContext();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { data: tenant } = useGetOne('tenants', { id: ticket?.tenantId ?? '' }, { enabled: !!ticket?.tenantId });
  const graph = useQuery({
    queryKey: ['workflowGraph', ticket?.tenantId, ticket?.workflowVersion],
    enabled: open && !!ticket,
    queryFn: async () =>
      (await apolloClient.query({ query: WORKFLOW_GRAPH, variables: { tenantId: ticket!.tenantId, version: ticket!.workflowVersion } })).data
        .workflowGraph as WorkflowGraph,
  });
  if (!ticket) return null;
  return (
    <Accordion expanded={open} onChange={(_, expanded) => setOpen(expanded)} disableGutters variant="outlined" className="ticket-workflow">
      <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls="ticket-workflow-diagram" id="ticket-workflow-summary">
        <Typography variant="subtitle2" component="span">
          {translate('resources.tickets.sections.workflow', { version: ticket.workflowVersion })}
          {': '}
        </Typography>
        <StateField source="state" sx={{ ml: 0.5 }} />
      </AccordionSummary>
      <AccordionDetails id="ticket-workflow-diagram">
        {graph.data ? (
          <Suspense fallback={<Spinner />}>
            <WorkflowDiagram graph={graph.data} current={ticket.state} eventTitles={eventTitlesOf(tenant)} height={420} />
          </Suspense>
        ) : (
          open && <Spinner />
        )}
      </AccordionDetails>
    </Accordion>
  );
};
