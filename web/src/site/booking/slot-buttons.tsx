import { Button, SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatTime } from '../../shared/format';
import type { Slot } from '../../shared/types';
import { sameInstant } from '../clinic-dates';

/** Free times as buttons named by the time alone ("10:00"), in the clinic's time zone; the chosen one is pressed. */
export function SlotButtons({
  slots,
  timezone,
  selected,
  onChoose,
  labelledBy,
}: {
  slots: Slot[];
  timezone: string;
  selected: string | null;
  onChoose: (slot: Slot) => void;
  labelledBy: string;
}): ReactNode {
  return (
    <SimpleGrid role="group" aria-labelledby={labelledBy} cols={{ base: 3, xs: 4, sm: 5 }} spacing="xs" verticalSpacing="xs">
      {slots.map((slot) => {
        const pressed = selected !== null && sameInstant(selected, slot.startsAt);
        return (
          <Button key={slot.startsAt} variant={pressed ? 'filled' : 'outline'} aria-pressed={pressed} onClick={() => onChoose(slot)} px="xs">
            {formatTime(slot.startsAt, timezone)}
          </Button>
        );
      })}
    </SimpleGrid>
  );
}
