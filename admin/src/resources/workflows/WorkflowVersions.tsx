/**
 * A tenant's published versions, newest first, and what changed between any two of them as
 * a line diff. An older version can be taken into the editor to publish it again (a
 * rollback is a new version with the old text: history is never rewritten).
 */
import { Box, Button, Chip, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { diffLines } from 'diff';
import { useMemo, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatInZone } from '../../components/zonedTime';
import type { WorkflowVersionRow } from './documents';

export interface WorkflowVersionsProps {
  versions: WorkflowVersionRow[];
  timezone: string;
  onEdit: (source: string) => void;
}

export const WorkflowVersions = ({ versions, timezone, onEdit }: WorkflowVersionsProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [newer, setNewer] = useState(versions[0]?.version);
  const [older, setOlder] = useState(versions[1]?.version ?? versions[0]?.version);
  const byNumber = (n: number | undefined) => versions.find((v) => v.version === n);

  const chooser = (label: string, value: number | undefined, set: (n: number) => void) => (
    <TextField select size="small" label={translate(label)} value={value ?? ''} onChange={(e) => set(Number(e.target.value))} sx={{ minWidth: 140 }}>
      {versions.map((v) => (
        <MenuItem key={v.version} value={v.version}>
          {translate('workflows.versions.number', { version: v.version })}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Stack spacing={2}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('workflows.versions.version')}</TableCell>
            <TableCell>{translate('workflows.versions.publishedAt')}</TableCell>
            <TableCell>{translate('workflows.versions.hash')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {versions.map((v) => (
            <TableRow key={v.id} data-version={v.version}>
              <TableCell>
                {v.version} {v.inForce && <Chip size="small" color="success" label={translate('workflows.versions.inForce')} />}
              </TableCell>
              <TableCell>{formatInZone(v.createdAt, timezone, locale)}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{v.sourceHash.slice(0, 12)}</TableCell>
              <TableCell align="right">
                {!v.inForce && (
                  <Button size="small" onClick={() => onEdit(v.source)}>
                    {translate('workflows.versions.edit')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle2" component="h3">
          {translate('workflows.versions.diff')}
        </Typography>
        {chooser('workflows.versions.from', older, setOlder)}
        {chooser('workflows.versions.to', newer, setNewer)}
      </Stack>
      <SourceDiff before={byNumber(older)?.source ?? ''} after={byNumber(newer)?.source ?? ''} />
    </Stack>
  );
};

/** A unified line diff: removed lines red with their old number, added lines green with their new one. */
const SourceDiff = ({ before, after }: { before: string; after: string }) => {
  const translate = useTranslate();
  const rows = useMemo(() => {
    let oldLine = 1;
    let newLine = 1;
    return diffLines(before, after).flatMap((part) =>
      part.value.replace(/\n$/, '').split('\n').map((text) => {
        const row = { text, added: !!part.added, removed: !!part.removed, oldLine: part.added ? null : oldLine, newLine: part.removed ? null : newLine };
        if (!part.added) oldLine += 1;
        if (!part.removed) newLine += 1;
        return row;
      }),
    );
  }, [before, after]);
  const changes = rows.filter((r) => r.added || r.removed);
  if (changes.length === 0) return <Typography variant="body2">{translate('workflows.versions.same')}</Typography>;
  // Unchanged runs longer than this are folded to their edges.
  const CONTEXT = 3;
  const near = (i: number) => rows.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((r) => r.added || r.removed);
  return (
    <Box className="workflow-diff" component="pre" sx={{ m: 0, p: 1, fontSize: 12, bgcolor: 'grey.50', border: 1, borderColor: 'divider', borderRadius: 1, overflowX: 'auto' }}>
      {rows.map((row, i) =>
        near(i) ? (
          <Box
            key={i}
            component="div"
            data-change={row.added ? 'added' : row.removed ? 'removed' : undefined}
            sx={{ bgcolor: row.added ? '#e6ffec' : row.removed ? '#ffebe9' : undefined }}
          >
            <Box component="span" sx={{ display: 'inline-block', width: 80, color: 'text.secondary', userSelect: 'none' }}>
              {String(row.oldLine ?? '').padStart(4)} {String(row.newLine ?? '').padStart(4)} {row.added ? '+' : row.removed ? '−' : ' '}
            </Box>
            {row.text}
          </Box>
        ) : near(i - 1) ? (
          <Box key={i} component="div" sx={{ color: 'text.secondary' }}>
            ⋯
          </Box>
        ) : null,
      )}
    </Box>
  );
};
