// "Export CSV" beside a list: the server makes the file (every row the list's filters match,
// streamed, in the console's language) and names it; the button saves it and says so.
import { Button, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadExport } from './csv-files';
import { notifyDone, notifyFailed } from './notify';

type Params = Record<string, string | number | boolean | undefined | null>;

interface ExportButtonProps {
  /** The list's export route, e.g. `/api/admin/reviews/export.csv`. */
  path: string;
  /** The list's filters as they stand, so the file holds what the list shows. */
  params?: Params;
  size?: ButtonProps['size'];
  /** Says what is exported when one page has several lists. */
  label?: string;
  /** The id of the list's heading, when the page has several lists: screen readers say which one this exports. */
  describedBy?: string;
}

export function ExportButton({ path, params = {}, size, label, describedBy }: ExportButtonProps): ReactNode {
  const { t, i18n } = useTranslation('admin');
  const [running, setRunning] = useState(false);
  const run = async (): Promise<void> => {
    setRunning(true);
    try {
      const filename = await downloadExport(path, { ...params, lang: i18n.language === 'en' ? 'en' : 'uk' });
      notifyDone(t('csv.saved', { filename }));
    } catch (error) {
      notifyFailed(error);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Button variant="default" size={size} onClick={() => void run()} loading={running} aria-describedby={describedBy}>
      {label ?? t('csv.export')}
    </Button>
  );
}
