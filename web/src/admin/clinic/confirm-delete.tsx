import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminModal } from '../layout/admin-modal';
import { problemText } from '../lib/notify';

/** Asks before removing something for good, and says why when the server refuses. */
export function ConfirmDelete({ title, question, onConfirm, onClose, confirmLabel }: { title: string; question: string; onConfirm: () => Promise<unknown>; onClose: () => void; confirmLabel?: string }): ReactNode {
  const { t } = useTranslation('admin');
  const run = useMutation({ mutationFn: onConfirm, onSuccess: onClose });
  return (
    <AdminModal opened onClose={onClose} title={title}>
      <Stack gap="sm">
        <Text size="sm">{question}</Text>
        {run.isError && (
          <Alert color="red" role="alert">
            {problemText(run.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.back')}
          </Button>
          <Button color="red" loading={run.isPending} onClick={() => run.mutate()}>
            {confirmLabel ?? t('form.delete')}
          </Button>
        </Group>
      </Stack>
    </AdminModal>
  );
}
