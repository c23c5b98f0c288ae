import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notABanner } from '../dialog-header';
import classes from '../site.module.css';

/** The privacy notice the consent refers to, one click away in a dialog. */
export function PrivacyNotice({ clinicName }: { clinicName: string }): ReactNode {
  const { t } = useTranslation('site');
  const [opened, { open, close }] = useDisclosure(false);
  const paragraphs = t('privacy.paragraphs', { returnObjects: true, clinic: clinicName }) as string[];
  return (
    <>
      <Anchor component="button" type="button" onClick={open} size="sm" ta="left">
        {t('privacy.open')}
      </Anchor>
      <Modal.Root className={classes.palette} opened={opened} onClose={close} size="lg">
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header {...notABanner}>
            <Modal.Title fw={700}>{t('privacy.title')}</Modal.Title>
            <Modal.CloseButton aria-label={t('privacy.close')} />
          </Modal.Header>
          <Modal.Body>
            <Stack gap="sm">
              {paragraphs.map((paragraph) => (
                <Text key={paragraph}>{paragraph}</Text>
              ))}
              <Group justify="flex-end">
                <Button onClick={close}>{t('privacy.close')}</Button>
              </Group>
            </Stack>
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}
