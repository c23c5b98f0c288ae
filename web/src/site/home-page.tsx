import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../shared/states';
import { OpeningHours } from './opening-hours';
import { usePageTitle } from './page-title';
import { ReviewCard } from './review-card';
import { telHref } from './site-footer';
import { useClinic, useReviews, useSpecialists } from './site-queries';

const NEWEST_REVIEWS = 4;

function LatestReviews(): ReactNode {
  const { t } = useTranslation('site');
  const reviews = useReviews();
  const specialists = useSpecialists();
  const byId = new Map((specialists.data ?? []).map((s) => [s.id, s]));
  return (
    <Stack component="section" aria-labelledby="home-reviews" gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={2} id="home-reviews">
          {t('home.reviewsTitle')}
        </Title>
        <Anchor component={Link} to="/reviews">
          {t('home.allReviews')}
        </Anchor>
      </Group>
      {reviews.isPending ? (
        <LoadingState />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.length === 0 ? (
        <Text>{t('reviews.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {reviews.data.slice(0, NEWEST_REVIEWS).map((review) => (
            <ReviewCard key={review.id} review={review} specialist={review.specialistId ? byId.get(review.specialistId) : undefined} headingOrder={3} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** The clinic at a glance: who it is, where and when, its awards, what patients say, and the way to book. */
export function HomePage(): ReactNode {
  const { t } = useTranslation('site');
  const { t: tc } = useTranslation('common');
  const clinic = useClinic();
  usePageTitle(t('home.title'));

  if (clinic.isPending) return <LoadingState />;
  if (clinic.isError) return <ErrorState error={clinic.error} onRetry={() => void clinic.refetch()} />;
  const data = clinic.data;

  return (
    <Stack gap={48}>
      <Stack gap="md" maw={760}>
        <Title order={1}>{data.name}</Title>
        <Text size="lg" style={{ whiteSpace: 'pre-line' }}>
          {data.about}
        </Text>
        <Group>
          <Button component={Link} to="/book" size="md">
            {tc('nav.book')}
          </Button>
          <Button component={Link} to="/specialists" size="md" variant="outline">
            {t('home.seeSpecialists')}
          </Button>
        </Group>
      </Stack>

      <SimpleGrid component="section" aria-labelledby="home-visit" cols={{ base: 1, sm: 2 }} spacing="xl">
        <Stack gap="xs">
          <Title order={2} id="home-visit">
            {t('home.visitTitle')}
          </Title>
          <Text component="address" fs="normal">
            {data.address}
          </Text>
          <Text>
            {t('contacts.phone')}: <Anchor href={telHref(data.phone)} underline="always">{data.phone}</Anchor>
          </Text>
          <Text>
            {t('contacts.email')}: <Anchor href={`mailto:${data.email}`} underline="always">{data.email}</Anchor>
          </Text>
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('hours.title')}
          </Title>
          <OpeningHours hours={data.openingHours} />
        </Stack>
      </SimpleGrid>

      {data.awards.length > 0 && (
        <Stack component="section" aria-labelledby="home-awards" gap="md">
          <Title order={2} id="home-awards">
            {t('home.awardsTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
            {data.awards.map((award) => (
              <Card key={award.id} withBorder padding="lg">
                <Stack gap={6}>
                  <Title order={3} size="h5">
                    {award.title}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {[award.issuer, award.year].filter(Boolean).join(', ')}
                  </Text>
                  {award.description && <Text size="sm">{award.description}</Text>}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}

      <LatestReviews />
    </Stack>
  );
}
