/**
 * Filters whose choices come from the desks themselves: the states of the chosen desk's
 * machine (every visible desk's, until one is chosen) and the service levels its
 * organisations are on. Hard-coded lists would miss a workflow's own states and levels.
 */
import { useQuery } from '@tanstack/react-query';
import { SelectInput, useGetList, useListContext, useTranslate } from 'react-admin';
import { apolloClient } from '../../providers/apolloClient';
import { WORKFLOW_GRAPH, type WorkflowGraph } from '../workflows/graph';

const useChosenTenants = (): string[] => {
  const { filterValues } = useListContext();
  const { data: tenants } = useGetList('tenants', { pagination: { page: 1, perPage: 100 } });
  return filterValues.tenantId ? [String(filterValues.tenantId)] : (tenants ?? []).map((t) => String(t.id));
};

export const StateFilterInput = (props: { source: string; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  const tenantIds = useChosenTenants();
  const { data: states = [] } = useQuery({
    queryKey: ['filterStates', tenantIds],
    enabled: tenantIds.length > 0,
    queryFn: async () => {
      const graphs = await Promise.all(
        tenantIds.map(async (tenantId) => (await apolloClient.query({ query: WORKFLOW_GRAPH, variables: { tenantId } })).data.workflowGraph as WorkflowGraph),
      );
      return [...new Set(graphs.flatMap((g) => g.states.map((s) => s.id)))];
    },
  });
  const choices = states.map((id) => ({
    id,
    name: id
      .split('.')
      .map((level) => translate(`resources.tickets.states.${level}`, { _: level }))
      .join(' › '),
  }));
  return <SelectInput {...props} choices={choices} translateChoice={false} sx={{ minWidth: 200 }} />;
};

export const ServiceLevelFilterInput = (props: { source: string; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const { data: organizations } = useGetList('organizations', {
    pagination: { page: 1, perPage: 1000 },
    filter: filterValues.tenantId ? { tenantId: filterValues.tenantId } : {},
  });
  const levels = [...new Set((organizations ?? []).map((o) => o.serviceLevel).filter(Boolean) as string[])].sort();
  const choices = levels.map((id) => ({ id, name: translate(`resources.organizations.serviceLevels.${id}`, { _: id }) }));
  return <SelectInput {...props} choices={choices} translateChoice={false} sx={{ minWidth: 180 }} />;
};
