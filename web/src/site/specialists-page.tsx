import { Anchor, Box, Button, Card, Chip, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../shared/states';
import type { Specialist } from '../shared/types';
import { usePageTitle } from './page-title';
import { SpecialistAvatar } from './specialist-avatar';
import { useSpecialists } from './site-queries';

const ALL = '__all__';

function SpecialistCard({ specialist }: { specialist: Specialist }): ReactNode {
  const { t } = useTranslation('site');
  return (
    <Card component="article" withBorder padding="lg" h="100%">
      <Stack gap="sm" h="100%">
        <Group wrap="nowrap" align="flex-start">
          <SpecialistAvatar specialist={specialist} size={72} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={2} size="h4">
              <Anchor component={Link} to={`/specialists/${specialist.id}`}>
                {specialist.name}
              </Anchor>
            </Title>
            <Text fw={600} c="gray.8">
              {specialist.specialty}
            </Text>
            <Text size="sm" c="dimmed">
              {t('specialists.consultation', { minutes: specialist.consultationMinutes })}
            </Text>
          </Stack>
        </Group>
        {specialist.bio && (
          <Text size="sm" lineClamp={3}>
            {specialist.bio}
          </Text>
        )}
        <Box mt="auto">
          <Button component={Link} to={`/book?specialist=${specialist.id}`} variant="light" aria-label={t('specialists.bookWith', { name: specialist.name })}>
            {t('specialists.book')}
          </Button>
        </Box>
      </Stack>
    </Card>
  );
}

/** Everyone who takes bookings, filterable by specialty. */
export function SpecialistsPage(): ReactNode {
  const { t } = useTranslation('site');
  usePageTitle(t('specialists.title'));
  const specialists = useSpecialists();
  const [specialty, setSpecialty] = useState<string>(ALL);
  const specialties = useMemo(() => [...new Set((specialists.data ?? []).map((s) => s.specialty))].sort((a, b) => a.localeCompare(b)), [specialists.data]);
  const shown = (specialists.data ?? []).filter((s) => specialty === ALL || s.specialty === specialty);

  return (
    <Stack gap="lg">
      <Title order={1}>{t('specialists.title')}</Title>
      <Text maw={720}>{t('specialists.intro')}</Text>
      {specialists.isPending ? (
        <LoadingState />
      ) : specialists.isError ? (
        <ErrorState error={specialists.error} onRetry={() => void specialists.refetch()} />
      ) : (
        <>
          {specialties.length > 1 && (
            <Stack gap={6}>
              <Text fw={600} id="specialty-filter">
                {t('specialists.filter')}
              </Text>
              <Chip.Group value={specialty} onChange={(value) => setSpecialty(typeof value === 'string' ? value : ALL)}>
                <Group gap="xs" role="radiogroup" aria-labelledby="specialty-filter">
                  <Chip value={ALL}>{t('specialists.all')}</Chip>
                  {specialties.map((name) => (
                    <Chip key={name} value={name}>
                      {name}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
          )}
          <Text role="status" size="sm" c="dimmed">
            {t('specialists.count', { count: shown.length })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {shown.map((specialist) => (
              <SpecialistCard key={specialist.id} specialist={specialist} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
