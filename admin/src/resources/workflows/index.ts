import WorkflowIcon from '@mui/icons-material/AccountTreeOutlined';
import type { ResourceProps } from 'react-admin';
import { lazy } from 'react';
import { WorkflowList } from './WorkflowList';

// The diagram and the editor bring ELK, React Flow and CodeMirror: fetched when a
// workflow is opened, not with the queue every agent loads.
const WorkflowShow = lazy(() => import('./WorkflowShow').then((m) => ({ default: m.WorkflowShow })));

/**
 * Props for <Resource name="workflows"> (admin): one record per desk (the tenants list),
 * whose page shows its workflow. Tenants themselves are changed only by publishing.
 */
export const workflows: Omit<ResourceProps, 'name'> = {
  list: WorkflowList,
  show: WorkflowShow,
  recordRepresentation: 'title',
  icon: WorkflowIcon,
};
