/**
 * The workflow file in an editor. Every pause in typing checks the draft on the server
 * (`checkWorkflow`, the same checks a publish makes): problems are marked at their line
 * and listed below, and a valid draft is drawn as the diagram it would run. Publishing
 * makes a new version for new tickets; open tickets stay on theirs.
 */
import { Alert, Box, Button, List, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useMemo, useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { apolloClient } from '../../providers/apolloClient';
import { errorMessage } from '../../providers/errors';
import { CHECK_WORKFLOW, PUBLISH_WORKFLOW, type WorkflowProblem } from './documents';
import type { WorkflowGraph } from './graph';
import { WorkflowDiagram } from './WorkflowDiagram';

interface Check {
  valid: boolean;
  problems: WorkflowProblem[];
  graph: WorkflowGraph | null;
}

/** A problem as CodeMirror marks it: from its line and column to the end of that line. */
function diagnosticOf(view: EditorView, problem: WorkflowProblem): Diagnostic {
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(problem.column - 1, 0), line.to);
  return { from, to: Math.max(line.to, from), severity: 'error', message: problem.message };
}

export interface WorkflowEditorProps {
  tenantId: string;
  /** The version in force: the draft is compared with it. */
  source: string;
  /** Where the draft starts, when not from the version in force (an older version taken up again). */
  initialDraft?: string;
  eventTitles?: Record<string, string>;
  onPublished: (version: number) => void;
}

export const WorkflowEditor = ({ tenantId, source, initialDraft, eventTitles, onPublished }: WorkflowEditorProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const editor = useRef<ReactCodeMirrorRef>(null);
  const [draft, setDraft] = useState(initialDraft ?? source);
  const [check, setCheck] = useState<Check | null>(null);
  const [publishing, setPublishing] = useState(false);

  const checkDraft = async (text: string): Promise<Check> => {
    const { data } = await apolloClient.query({ query: CHECK_WORKFLOW, variables: { tenantId, source: text } });
    setCheck(data.checkWorkflow);
    return data.checkWorkflow;
  };

  const extensions = useMemo(
    () => [
      yaml(),
      lintGutter(),
      linter(async (view) => (await checkDraft(view.state.doc.toString())).problems.map((p) => diagnosticOf(view, p)), { delay: 600 }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one linter per tenant
    [tenantId],
  );

  const goTo = (problem: WorkflowProblem) => {
    const view = editor.current?.view;
    if (!view) return;
    const { from } = diagnosticOf(view, problem);
    view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    view.focus();
  };

  const publish = async () => {
    setPublishing(true);
    try {
      const { data } = await apolloClient.mutate({ mutation: PUBLISH_WORKFLOW, variables: { tenantId, source: draft } });
      const { version, created } = data.publishWorkflow;
      notify(created ? 'workflows.editor.published' : 'workflows.editor.unchanged', { type: 'success', messageArgs: { version } });
      onPublished(version);
    } catch (error) {
      const problems = (error as { graphQLErrors?: { extensions?: { problems?: WorkflowProblem[] } }[] }).graphQLErrors?.[0]?.extensions?.problems;
      if (problems) setCheck({ valid: false, problems, graph: null });
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setPublishing(false);
    }
  };

  const changed = draft !== source;
  return (
    <Stack spacing={2}>
      <Box className="workflow-editor" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
        <CodeMirror
          ref={editor}
          value={draft}
          height="480px"
          extensions={extensions}
          onChange={(text) => {
            setDraft(text);
            setCheck(null);
          }}
          aria-label={translate('workflows.editor.label')}
          basicSetup={{ foldGutter: true, highlightActiveLine: true }}
        />
      </Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={publish} disabled={publishing || !changed || check?.valid === false}>
          {translate('workflows.editor.publish')}
        </Button>
        <Button onClick={() => setDraft(source)} disabled={!changed}>
          {translate('workflows.editor.revert')}
        </Button>
        <Typography variant="body2" color="text.secondary" role="status">
          {!changed
            ? translate('workflows.editor.inForce')
            : check === null
              ? translate('workflows.editor.checking')
              : check.valid
                ? translate('workflows.editor.valid')
                : translate('workflows.editor.invalid', { smart_count: check.problems.length })}
        </Typography>
      </Stack>
      {check && !check.valid && (
        <Alert severity="error" className="workflow-problems">
          <List dense disablePadding>
            {check.problems.map((p, i) => (
              <ListItemButton key={i} onClick={() => goTo(p)} data-line={p.line}>
                <ListItemText
                  primary={translate('workflows.editor.at', { line: p.line, column: p.column })}
                  secondary={p.path ? `${p.message} (${p.path})` : p.message}
                />
              </ListItemButton>
            ))}
          </List>
        </Alert>
      )}
      {changed && check?.valid && check.graph && (
        <Box>
          <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
            {translate('workflows.editor.preview')}
          </Typography>
          <WorkflowDiagram graph={check.graph} eventTitles={eventTitles} height={420} />
        </Box>
      )}
    </Stack>
  );
};
