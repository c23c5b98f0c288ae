import { Alert, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../shared/api';
import { useErasureRequest } from './portal-api';
import { isSignedOut, signInPath } from './portal-auth';
import { PortalModal } from './portal-modal';
import { wrappingButton } from './page-title';

/** A copy of everything the clinic holds, and the request to be forgotten. */
export function DataRightsSection(): ReactNode {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const erasure = useErasureRequest();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');

  const close = (): void => {
    setOpen(false);
    if (!erasure.isSuccess) erasure.reset();
  };

  const error = erasure.error;
  const errorText = error instanceof ApiError && error.status > 0 && error.status < 500 ? error.message : t('common:errors.generic');

  return (
    <Stack gap="md">
      <Text>{t('data.exportText')}</Text>
      <Group>
        <Button classNames={wrappingButton} component="a" href="/api/me/export" download="my-clinic-data.json" variant="light">
          {t('data.export')}
        </Button>
      </Group>
      <Text>{t('data.erasureText')}</Text>
      {erasure.isSuccess ? (
        <Alert color="teal" role="status" title={t('data.erasureSentTitle')}>
          {t('data.erasureSent')}
        </Alert>
      ) : (
        <Group>
          <Button classNames={wrappingButton} variant="outline" color="red.8" onClick={() => setOpen(true)}>
            {t('data.erasure')}
          </Button>
        </Group>
      )}
      <PortalModal opened={open} onClose={close} title={t('data.erasureTitle')} size="lg">
        <Stack gap="md">
          <Text>{t('data.erasureWhat')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('data.erasureDeleted')}</List.Item>
            <List.Item>{t('data.erasureKept')}</List.Item>
            <List.Item>{t('data.erasureSignOut')}</List.Item>
            <List.Item>{t('data.erasureReview')}</List.Item>
          </List>
          <Text size="sm">{t('data.erasureExportFirst')}</Text>
          <Textarea label={t('data.reason')} description={t('data.reasonHint')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={2} maxRows={6} maxLength={2000} />
          {error && (
            <Alert color="red" role="alert">
              {errorText}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('data.erasureBack')}
            </Button>
            <Button classNames={wrappingButton}
              color="red.8"
              loading={erasure.isPending}
              onClick={() =>
                erasure.mutate(reason.trim(), {
                  onSuccess: () => setOpen(false),
                  onError: (failure) => {
                    if (isSignedOut(failure)) navigate(signInPath({ pathname: '/portal/profile', search: '' }));
                  },
                })
              }
            >
              {t('data.erasureSubmit')}
            </Button>
          </Group>
        </Stack>
      </PortalModal>
    </Stack>
  );
}
