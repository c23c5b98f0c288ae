import { Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Specialist } from '../../shared/types';
import { SpecialistAvatar } from '../specialist-avatar';
import { useSpecialists } from '../site-queries';
import classes from '../site.module.css';

const matches = (specialist: Specialist, search: string): boolean => {
  const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const text = `${specialist.name} ${specialist.specialty}`.toLocaleLowerCase();
  return words.every((word) => text.includes(word));
};

/** Step 1: whom to see. Each specialist is one button named by name, specialty and consultation length. */
export function ChooseSpecialistStep({ selectedId, onChoose }: { selectedId: string | null; onChoose: (specialist: Specialist) => void }): ReactNode {
  const { t } = useTranslation('site');
  const specialists = useSpecialists();
  const [search, setSearch] = useState('');

  if (specialists.isPending) return <LoadingState />;
  if (specialists.isError) return <ErrorState error={specialists.error} onRetry={() => void specialists.refetch()} />;
  const shown = specialists.data.filter((specialist) => matches(specialist, search));

  return (
    <Stack gap="md">
      <TextInput
        type="search"
        label={t('booking.search')}
        description={t('booking.searchHint')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={480}
      />
      <Text role="status" size="sm" c="dimmed">
        {t('specialists.count', { count: shown.length })}
      </Text>
      <Stack component="ul" gap="sm" className={classes.plainList}>
        {shown.map((specialist) => (
          <li key={specialist.id}>
            <UnstyledButton className={classes.choiceCard} aria-pressed={specialist.id === selectedId} onClick={() => onChoose(specialist)}>
              <Group wrap="nowrap" gap="md">
                <SpecialistAvatar specialist={specialist} size={48} />
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={700}>{specialist.name}</Text>
                  <Text size="sm" c="gray.8">
                    {specialist.specialty} · {t('specialists.minutes', { minutes: specialist.consultationMinutes })}
                  </Text>
                </Stack>
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
