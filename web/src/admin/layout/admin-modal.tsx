import { Modal, Text, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The console's dialog: a named close button (Mantine leaves it unnamed) and a bold title. */
export function AdminModal({ title, ...props }: ModalProps): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Modal
      {...props}
      title={
        title ? (
          <Text fw={700} component="span">
            {title}
          </Text>
        ) : null
      }
      closeButtonProps={{ 'aria-label': t('form.close') }}
    />
  );
}
