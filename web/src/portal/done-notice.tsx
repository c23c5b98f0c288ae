import { Alert, CloseButton, Group, Text } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What just happened ("moved to…", "cancelled…"), at the top of the page. It takes the focus,
 * because the button that caused it may be gone (a cancelled appointment leaves the list).
 */
export function DoneNotice({ message, onClose }: { message: string | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation('portal');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) box.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <Alert ref={box} tabIndex={-1} color="teal" role="status" variant="light">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">{message}</Text>
        <CloseButton aria-label={t('done.close')} onClick={onClose} />
      </Group>
    </Alert>
  );
}
