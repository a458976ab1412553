import { CircularProgress } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A loading indicator with a name, as screen readers need (an unnamed progressbar says nothing). */
export const Spinner = () => {
  const translate = useTranslate();
  return <CircularProgress size={24} aria-label={translate('ra.page.loading')} />;
};
