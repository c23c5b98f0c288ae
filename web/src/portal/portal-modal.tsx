import { Modal, type MantineSize } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// Mantine renders a modal's header as <header>, which screen readers (and axe) then take for a
// second banner landmark next to the page's own; inside a dialog it is just a title row.
const headerAsDiv = { component: 'div' } as Record<string, unknown>;

interface PortalModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: MantineSize;
  children: ReactNode;
}

/** A centred dialog with a labelled close button and no stray landmark. */
export function PortalModal({ opened, onClose, title, size = 'md', children }: PortalModalProps): ReactNode {
  const { t } = useTranslation('portal');
  return (
    <Modal.Root opened={opened} onClose={onClose} centered size={size}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header {...headerAsDiv}>
          <Modal.Title fw={650} fz="lg">
            {title}
          </Modal.Title>
          <Modal.CloseButton aria-label={t('cancel.close')} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
