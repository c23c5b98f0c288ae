import { Group, Rating, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../shared/states';
import type { Review } from '../shared/types';
import { usePageTitle } from './page-title';
import { ReviewCard } from './review-card';
import { useReviews, useSpecialists } from './site-queries';

const average = (reviews: Review[]): number => reviews.reduce((sum, review) => sum + review.rating, 0) / reviews.length;

/** Every published review, newest first, with the average on top. */
export function ReviewsPage(): ReactNode {
  const { t, i18n } = useTranslation('site');
  usePageTitle(t('reviews.title'));
  const reviews = useReviews();
  const specialists = useSpecialists();
  const byId = new Map((specialists.data ?? []).map((s) => [s.id, s]));

  return (
    <Stack gap="lg">
      <Title order={1}>{t('reviews.title')}</Title>
      {reviews.isPending ? (
        <LoadingState />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.length === 0 ? (
        <Text>{t('reviews.none')}</Text>
      ) : (
        <>
          <Group gap="sm">
            {/* The sentence next to the stars says it in words. */}
            <Rating value={average(reviews.data)} fractions={10} readOnly aria-hidden color="orange.7" />
            <Text>
              {t('reviews.summary', {
                average: new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'uk-UA', { maximumFractionDigits: 1 }).format(average(reviews.data)),
                count: reviews.data.length,
              })}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {reviews.data.map((review) => (
              <ReviewCard key={review.id} review={review} specialist={review.specialistId ? byId.get(review.specialistId) : undefined} headingOrder={2} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
