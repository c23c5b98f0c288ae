import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';

/** The clinic's phone number as a link that dials it on a phone. */
export function ClinicPhoneLink({ phone }: { phone: string }): ReactNode {
  if (!phone) return null;
  return (
    <Anchor href={`tel:${phone.replace(/[^+\d]/g, '')}`} fw={600} style={{ whiteSpace: 'nowrap' }}>
      {phone}
    </Anchor>
  );
}
