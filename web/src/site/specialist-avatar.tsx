import { Avatar, type MantineSize } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Specialist } from '../shared/types';

/** The photo, or the initials when there is none. The name is always written next to it, so it is decorative. */
export function SpecialistAvatar({ specialist, size }: { specialist: Pick<Specialist, 'name' | 'photoUrl'>; size: MantineSize | number }): ReactNode {
  return specialist.photoUrl ? (
    <Avatar src={specialist.photoUrl} alt="" size={size} radius={1000} />
  ) : (
    <Avatar name={specialist.name} color="teal" variant="light" size={size} radius={1000} aria-hidden />
  );
}
