import { Button, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import type { Specialist } from '../../shared/types';
import { SpecialistAvatar } from '../specialist-avatar';

/** Whom and when, as chosen so far; optionally with a way back to change the time. */
export function BookingSummary({ specialist, startsAt, timezone, onChangeTime }: { specialist: Specialist; startsAt: string; timezone: string; onChangeTime?: () => void }): ReactNode {
  const { t } = useTranslation('site');
  return (
    <Card withBorder padding="md" bg="gray.0">
      <Group justify="space-between" align="center" gap="sm">
        <Group wrap="nowrap" gap="md">
          <SpecialistAvatar specialist={specialist} size={48} />
          <Stack gap={0}>
            <Text fw={700}>
              {specialist.name}, {specialist.specialty}
            </Text>
            <Text>{formatDateTime(startsAt, timezone)}</Text>
            <Text size="sm" c="dimmed">
              {t('specialists.consultation', { minutes: specialist.consultationMinutes })}
            </Text>
          </Stack>
        </Group>
        {onChangeTime && (
          <Button variant="subtle" onClick={onChangeTime}>
            {t('booking.changeTime')}
          </Button>
        )}
      </Group>
    </Card>
  );
}
