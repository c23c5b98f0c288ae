import { Anchor, Card, Group, Rating, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCalendarDate } from '../shared/format';
import type { Review, Specialist } from '../shared/types';

/** Stars for the eye; for a screen reader, one image named "Rating: 5 out of 5". */
export function ReviewRating({ value }: { value: number }): ReactNode {
  const { t } = useTranslation('site');
  return <Rating value={value} readOnly role="img" aria-label={t('reviews.rating', { value, max: 5 })} color="orange.7" />;
}

export function ReviewCard({ review, specialist, headingOrder }: { review: Review; specialist?: Specialist | undefined; headingOrder: TitleOrder }): ReactNode {
  const { t } = useTranslation('site');
  return (
    <Card component="article" withBorder padding="lg" h="100%">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={headingOrder} size="h5">
            {review.authorName}
          </Title>
          <ReviewRating value={review.rating} />
        </Group>
        <Text size="sm" c="dimmed">
          <time dateTime={review.reviewedOn}>{formatCalendarDate(review.reviewedOn)}</time>
          {specialist && (
            <>
              {' · '}
              {t('reviews.about')}{' '}
              <Anchor component={Link} to={`/specialists/${specialist.id}`} size="sm" underline="always">
                {specialist.name}
              </Anchor>
            </>
          )}
        </Text>
        <Text style={{ whiteSpace: 'pre-line' }}>{review.text}</Text>
      </Stack>
    </Card>
  );
}
