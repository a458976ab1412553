/**
 * A workflow's machine drawn for people: states in columns by status category, arrows
 * labelled with the events and delays that move a ticket, and (on a ticket's page) the
 * state the ticket is in now, highlighted. Read-only: the workflow is changed in its file.
 * A text list of the same transitions follows the drawing for screen readers and search.
 */
import { Alert, Box, Chip, Typography } from '@mui/material';
import { BaseEdge, Controls, EdgeLabelRenderer, Handle, Position, ReactFlow, type Edge, type EdgeProps, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslate } from 'react-admin';
import { layoutDiagram, type CategoryBand, type LaidOutArrow, type LaidOutState } from './diagramLayout';
import type { GraphTransition, WorkflowGraph } from './graph';
import { useTransitionWords } from './useTransitionWords';
import { Spinner } from '../../components/Spinner';

const CATEGORY_COLORS: Record<string, string> = {
  new: '#1565c0',
  open: '#2e7d32',
  waiting_customer: '#ef6c00',
  resolved: '#6a1b9a',
  closed: '#546e7a',
};
const colorOf = (category: string | null) => CATEGORY_COLORS[category ?? ''] ?? '#757575';

// React Flow wants node and edge data as plain records.
type Data<T> = T & Record<string, unknown>;
type StateData = Data<LaidOutState & { name: string; current: boolean; words: (t: GraphTransition) => string }>;
type BandData = Data<CategoryBand & { name: string }>;
type ArrowData = Data<LaidOutArrow>;

const useStateName = () => {
  const translate = useTranslate();
  return (id: string) =>
    id
      .split('.')
      .map((level) => translate(`resources.tickets.states.${level}`, { _: level }))
      .join(' › ');
};

const StateNode = ({ data }: NodeProps<Node<StateData>>) => {
  const translate = useTranslate();
  return (
    <Box
      data-state={data.id}
      data-current={data.current || undefined}
      title={data.description ?? data.id}
      sx={{
        width: data.width,
        height: data.height,
        boxSizing: 'border-box',
        bgcolor: 'background.paper',
        border: data.current ? 4 : data.final ? 3 : 1,
        borderStyle: data.final && !data.current ? 'double' : 'solid',
        borderColor: data.current ? 'primary.main' : colorOf(data.category),
        borderLeft: `6px solid ${colorOf(data.category)}`,
        borderRadius: 1,
        px: 1,
        py: 0.5,
        boxShadow: data.current ? 6 : 0,
        fontSize: 13,
      }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} style={{ opacity: 0 }} />
      <Box sx={{ fontWeight: 600, lineHeight: '18px' }}>
        {data.initial ? '▶ ' : ''}
        {data.name}
      </Box>
      <Box sx={{ color: 'text.secondary', fontSize: 11, lineHeight: '16px' }}>
        {data.current ? `● ${translate('workflows.diagram.current')}` : data.id}
      </Box>
      {data.stays.map((t) => (
        <Box key={`${t.kind}:${t.label}`} sx={{ fontSize: 11, lineHeight: '18px', color: 'text.secondary', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          ↻ {data.words(t)}
        </Box>
      ))}
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={{ opacity: 0 }} />
    </Box>
  );
};

const BandNode = ({ data }: NodeProps<Node<BandData>>) => (
  <Box
    sx={{
      width: data.width,
      height: data.height,
      bgcolor: `${colorOf(data.category)}12`,
      border: `1px dashed ${colorOf(data.category)}66`,
      borderRadius: 2,
      px: 1,
      fontSize: 12,
      fontWeight: 600,
      color: colorOf(data.category),
    }}
  >
    {data.name}
  </Box>
);

/** An arrow along the route ELK computed, its label where ELK placed it. */
const RoutedEdge = ({ id, data }: EdgeProps<Edge<ArrowData>>) => {
  if (!data || data.points.length < 2) return null;
  const path = data.points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd="url(#workflow-arrow)" style={{ stroke: '#607d8b', strokeWidth: 1.4 }} />
      <EdgeLabelRenderer>
        <Box
          className="nodrag nopan"
          sx={{
            position: 'absolute',
            transform: `translate(${data.label.x}px, ${data.label.y}px)`,
            fontSize: 11,
            lineHeight: '16px',
            px: 0.5,
            bgcolor: 'background.paper',
            border: '1px solid #cfd8dc',
            borderRadius: 0.5,
            whiteSpace: 'nowrap',
          }}
        >
          {data.label.text}
        </Box>
      </EdgeLabelRenderer>
    </>
  );
};

const nodeTypes = { state: StateNode, band: BandNode };
const edgeTypes = { routed: RoutedEdge };

export interface WorkflowDiagramProps {
  graph: WorkflowGraph;
  /** The event titles of the workflow file, for events our messages do not name. */
  eventTitles?: Record<string, string>;
  /** The state to highlight (a ticket's `state`). */
  current?: string;
  height?: number;
}

export const WorkflowDiagram = ({ graph, eventTitles, current, height = 520 }: WorkflowDiagramProps) => {
  const translate = useTranslate();
  const words = useTransitionWords(eventTitles);
  const stateName = useStateName();
  const layout = useQuery({
    queryKey: ['workflowLayout', graph, eventTitles, translate('workflows.diagram.always')],
    queryFn: () => layoutDiagram(graph, words),
    staleTime: Infinity,
  });
  const flow = useMemo(() => {
    if (!layout.data) return null;
    const bands: Node<BandData>[] = layout.data.bands.map((band) => ({
      id: `band:${band.category}`,
      type: 'band',
      position: { x: band.x, y: band.y },
      data: { ...band, name: translate(`resources.tickets.statusCategory.${band.category}`, { _: band.category }) },
      draggable: false,
      selectable: false,
      zIndex: -1,
    }));
    const states: Node<StateData>[] = layout.data.states.map((state) => ({
      id: state.id,
      type: 'state',
      position: { x: state.x, y: state.y },
      width: state.width,
      height: state.height,
      data: { ...state, name: stateName(state.id), current: state.id === current, words },
      draggable: false,
    }));
    const edges: Edge<ArrowData>[] = layout.data.arrows.map((arrow) => ({ id: arrow.id, source: arrow.from, target: arrow.to, type: 'routed', data: { ...arrow } }));
    return { nodes: [...bands, ...states], edges };
  }, [layout.data, current, translate, stateName, words]);

  if (layout.error) return <Alert severity="error">{String(layout.error)}</Alert>;
  if (!flow || !layout.data) return <Spinner />;
  return (
    <Box>
      {layout.data.everywhere.length > 0 && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate('workflows.diagram.everywhere')}{' '}
          {layout.data.everywhere.map((t) => (
            <Chip key={t.label} size="small" label={words(t)} sx={{ mr: 0.5 }} />
          ))}
        </Typography>
      )}
      <Box
        className="workflow-diagram"
        // A group, not an image: the diagram's zoom controls are reachable by keyboard.
        role="group"
        aria-roledescription={translate('workflows.diagram.role')}
        aria-label={translate('workflows.diagram.label')}
        sx={{ height, border: 1, borderColor: 'divider', borderRadius: 1 }}
      >
        <svg style={{ position: 'absolute', width: 0, height: 0 }} aria-hidden>
          <defs>
            <marker id="workflow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#607d8b" />
            </marker>
          </defs>
        </svg>
        <ReactFlow
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          // Edge labels are not nodes: room for those on the outside.
          fitViewOptions={{ padding: 0.08 }}
          minZoom={0.2}
          nodesConnectable={false}
          nodesDraggable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
        >
          <Controls showInteractive={false} />
        </ReactFlow>
      </Box>
      <TransitionList layout={layout.data} words={words} stateName={stateName} current={current} />
    </Box>
  );
};

/** The same machine as text: every state and where each event or delay takes it. */
const TransitionList = ({
  layout,
  words,
  stateName,
  current,
}: {
  layout: { states: LaidOutState[]; arrows: LaidOutArrow[] };
  words: (t: GraphTransition) => string;
  stateName: (id: string) => string;
  current?: string;
}) => {
  const translate = useTranslate();
  return (
    <Box component="details" sx={{ mt: 1, fontSize: 14 }}>
      <summary>{translate('workflows.diagram.asText')}</summary>
      <Box component="ul" className="workflow-transitions" sx={{ pl: 3, my: 1 }}>
        {layout.states.map((state) => (
          <li key={state.id} data-state={state.id}>
            <strong>{stateName(state.id)}</strong>
            {state.id === current ? ` (${translate('workflows.diagram.current')})` : ''}:{' '}
            {[
              ...layout.arrows.filter((a) => a.from === state.id).flatMap((a) => a.transitions.map((t) => `${words(t)} → ${stateName(a.to)}`)),
              ...state.stays.map((t) => `${words(t)} ↻`),
            ].join('; ') || translate('workflows.diagram.final')}
          </li>
        ))}
      </Box>
    </Box>
  );
};
