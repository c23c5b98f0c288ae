import { Anchor, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../shared/api';
import { formatTime } from '../shared/format';
import { ErrorState, LoadingState } from '../shared/states';
import type { Specialist } from '../shared/types';
import { addDays, formatDay, slotsByDate, todayIn } from './clinic-dates';
import { NotFoundPage } from './not-found-page';
import { usePageTitle } from './page-title';
import { ReviewCard } from './review-card';
import { SpecialistAvatar } from './specialist-avatar';
import { useClinic, useReviews, useSlots, useSpecialist } from './site-queries';

const DAYS_SHOWN = 5;
const LOOK_AHEAD_DAYS = 31;

/** The first few days with free time in the next month, each opening the wizard on that day. */
function NextFreeDays({ specialist, timezone }: { specialist: Specialist; timezone: string }): ReactNode {
  const { t, i18n } = useTranslation('site');
  const today = todayIn(timezone);
  const last = addDays(today, Math.min(LOOK_AHEAD_DAYS - 1, specialist.horizonDays));
  const slots = useSlots(specialist.id, { from: today, to: last });
  if (slots.isPending) return <LoadingState label={t('profile.loadingDays')} />;
  if (slots.isError) return <ErrorState error={slots.error} onRetry={() => void slots.refetch()} />;
  const days = [...slotsByDate(slots.data.slots)].slice(0, DAYS_SHOWN);
  if (days.length === 0) return <Text>{t('profile.noFreeDays')}</Text>;
  return (
    <List listStyleType="none" spacing="xs" p={0}>
      {days.map(([date, list]) => (
        <List.Item key={date}>
          <Anchor component={Link} to={`/book?specialist=${specialist.id}&date=${date}`}>
            {formatDay(date, i18n.language)}
          </Anchor>{' '}
          <Text span c="dimmed" size="sm">
            {t('profile.freeFrom', { count: list.length, time: formatTime(list[0]!.startsAt, timezone) })}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

export function SpecialistPage(): ReactNode {
  const { id = '' } = useParams();
  const { t } = useTranslation('site');
  const specialist = useSpecialist(id);
  const clinic = useClinic();
  const reviews = useReviews();
  usePageTitle(specialist.data?.name ?? t('specialists.title'));

  if (specialist.isError && specialist.error instanceof ApiError && (specialist.error.status === 404 || specialist.error.status === 400)) {
    return <NotFoundPage title={t('profile.notFoundTitle')} text={t('profile.notFound')} />;
  }
  if (specialist.isPending) return <LoadingState />;
  if (specialist.isError) return <ErrorState error={specialist.error} onRetry={() => void specialist.refetch()} />;
  const data = specialist.data;
  const theirReviews = (reviews.data ?? []).filter((review) => review.specialistId === data.id);

  return (
    <Stack gap="xl">
      <Anchor component={Link} to="/specialists" size="sm">
        ← {t('profile.back')}
      </Anchor>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <SpecialistAvatar specialist={data} size={120} />
        <Stack gap="xs" style={{ flex: '1 1 280px' }}>
          <Title order={1}>{data.name}</Title>
          <Text size="lg" fw={600} c="gray.8">
            {data.specialty}
          </Text>
          <Text>{t('specialists.consultation', { minutes: data.consultationMinutes })}</Text>
          {data.bio && (
            <Text maw={720} style={{ whiteSpace: 'pre-line' }}>
              {data.bio}
            </Text>
          )}
          <Group mt="sm">
            <Button component={Link} to={`/book?specialist=${data.id}`} size="md" aria-label={t('specialists.bookWith', { name: data.name })}>
              {t('specialists.book')}
            </Button>
          </Group>
        </Stack>
      </Group>

      <Card component="section" aria-labelledby="next-days" withBorder padding="lg" maw={720}>
        <Stack gap="sm">
          <Title order={2} size="h3" id="next-days">
            {t('profile.nextDays')}
          </Title>
          {clinic.isPending ? (
            <LoadingState />
          ) : clinic.isError ? (
            <ErrorState error={clinic.error} onRetry={() => void clinic.refetch()} />
          ) : (
            <NextFreeDays specialist={data} timezone={clinic.data.timezone} />
          )}
        </Stack>
      </Card>

      {theirReviews.length > 0 && (
        <Stack component="section" aria-labelledby="their-reviews" gap="md">
          <Title order={2} size="h3" id="their-reviews">
            {t('profile.reviews')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {theirReviews.map((review) => (
              <ReviewCard key={review.id} review={review} headingOrder={3} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
