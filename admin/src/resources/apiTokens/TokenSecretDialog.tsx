import CopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { useRef } from 'react';
import { useNotify, useTranslate } from 'react-admin';

/**
 * Copies `text`. The Clipboard API exists only in secure contexts; a back office reached
 * over plain HTTP on a LAN address falls back to selecting the field and the old command.
 */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand('copy');
  }
}

/**
 * The secret of a new API token, shown this once: the server keeps only its digest. It
 * closes only through its button, so a stray click or Escape cannot lose the secret.
 */
export const TokenSecretDialog = ({ token, onClose }: { token: string; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    const copied = await copyText(token, field.current);
    notify(copied ? 'resources.apiTokens.secret.copied' : 'resources.apiTokens.secret.copy_failed', {
      type: copied ? 'success' : 'warning',
    });
  };
  return (
    <Dialog open maxWidth="md" fullWidth aria-labelledby="token-secret-title">
      <DialogTitle id="token-secret-title">{translate('resources.apiTokens.secret.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('resources.apiTokens.secret.warning')}
        </Alert>
        <TextField
          label={translate('resources.apiTokens.secret.label')}
          value={token}
          fullWidth
          inputRef={field}
          onFocus={(event) => event.target.select()}
          slotProps={{ htmlInput: { readOnly: true, spellCheck: false, style: { fontFamily: 'monospace' } } }}
        />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('resources.apiTokens.secret.usage')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button startIcon={<CopyIcon />} onClick={copy}>
          {translate('resources.apiTokens.secret.copy')}
        </Button>
        <Button variant="contained" onClick={onClose}>
          {translate('resources.apiTokens.secret.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
