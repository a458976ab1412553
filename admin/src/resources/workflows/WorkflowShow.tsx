/**
 * One desk's workflow (admin): the machine in force as a diagram, its file in an editor that
 * checks drafts and publishes them, and the versions published so far with their diffs.
 */
import { Alert, Box, CardContent, Tab, Tabs, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Show, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { apolloClient } from '../../providers/apolloClient';
import { WORKFLOW_VERSIONS, type WorkflowVersionRow } from './documents';
import { WORKFLOW_GRAPH, eventTitlesOf, type WorkflowGraph } from './graph';
import { WorkflowDiagram } from './WorkflowDiagram';
import { WorkflowEditor } from './WorkflowEditor';
import { WorkflowVersions } from './WorkflowVersions';
import { Spinner } from '../../components/Spinner';

const TABS = ['diagram', 'source', 'versions'] as const;
type TabName = (typeof TABS)[number];

const WorkflowPages = () => {
  const tenant = useRecordContext();
  const translate = useTranslate();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<TabName>('diagram');
  // Set when an older version is taken into the editor; otherwise the editor holds the version in force.
  const [editing, setEditing] = useState<{ source: string; from: number } | null>(null);
  const tenantId = String(tenant?.id ?? '');
  const versions = useQuery({
    queryKey: ['workflowVersions', tenantId],
    enabled: !!tenantId,
    queryFn: async () => (await apolloClient.query({ query: WORKFLOW_VERSIONS, variables: { tenantId } })).data.workflowVersions as WorkflowVersionRow[],
  });
  const graph = useQuery({
    queryKey: ['workflowGraph', tenantId, tenant?.workflowVersion],
    enabled: !!tenantId,
    queryFn: async () => (await apolloClient.query({ query: WORKFLOW_GRAPH, variables: { tenantId } })).data.workflowGraph as WorkflowGraph,
  });
  if (!tenant) return null;
  const inForce = versions.data?.find((v) => v.inForce);
  const eventTitles = eventTitlesOf(tenant);

  const published = async () => {
    setEditing(null);
    await queryClient.invalidateQueries({ queryKey: ['workflowVersions', tenantId] });
    refresh();
  };

  return (
    <CardContent>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('workflows.heading', { title: tenant.title, version: tenant.workflowVersion })}
      </Typography>
      <Tabs value={tab} onChange={(_, value: TabName) => setTab(value)} aria-label={translate('workflows.tabs.label')} sx={{ mb: 2 }}>
        {TABS.map((name) => (
          <Tab key={name} value={name} label={translate(`workflows.tabs.${name}`)} id={`workflow-tab-${name}`} aria-controls={`workflow-panel-${name}`} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`workflow-panel-${tab}`} aria-labelledby={`workflow-tab-${tab}`}>
        {(versions.error || graph.error) && <Alert severity="error">{String(versions.error ?? graph.error)}</Alert>}
        {tab === 'diagram' && (graph.data ? <WorkflowDiagram graph={graph.data} eventTitles={eventTitles} height={600} /> : <Spinner />)}
        {tab === 'source' &&
          (inForce ? (
            <>
              {editing && (
                <Alert severity="info" sx={{ mb: 1 }}>
                  {translate('workflows.editor.fromVersion', { version: editing.from })}
                </Alert>
              )}
              <WorkflowEditor
                key={`${inForce.version}:${editing?.from ?? ''}`}
                tenantId={tenantId}
                source={inForce.source}
                initialDraft={editing?.source}
                eventTitles={eventTitles}
                onPublished={published}
              />
            </>
          ) : (
            <Spinner />
          ))}
        {tab === 'versions' &&
          (versions.data ? (
            <WorkflowVersions
              versions={versions.data}
              timezone={String(tenant.timezone)}
              onEdit={(source) => {
                const from = versions.data.find((v) => v.source === source)?.version ?? 0;
                setEditing({ source, from });
                setTab('source');
              }}
            />
          ) : (
            <Spinner />
          ))}
      </Box>
    </CardContent>
  );
};

export const WorkflowShow = () => (
  <Show actions={false}>
    <WorkflowPages />
  </Show>
);
