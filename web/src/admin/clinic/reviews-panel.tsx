import { Badge, Button, Group, Paper, Rating, SegmentedControl, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatCalendarDate } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import { AdminModal } from '../layout/admin-modal';
import type { AdminReview } from '../lib/admin-types';
import { notifyDone, notifyFailed } from '../lib/notify';
import { useSpecialistName } from '../lib/queries';
import { ConfirmDelete } from './confirm-delete';
import { ReviewForm } from './review-form';
import { ExportButton } from '../lib/export-button';

export function ReviewsPanel(): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const specialistName = useSpecialistName();
  const [show, setShow] = useState<'all' | 'true' | 'false'>('all');
  const [editing, setEditing] = useState<AdminReview | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AdminReview | null>(null);
  const list = useQuery({
    queryKey: ['admin', 'reviews', show],
    queryFn: async () => (await api.get<{ items: AdminReview[] }>(`/api/admin/reviews${show === 'all' ? '' : `?published=${show}`}`)).items,
  });
  const toggle = useMutation({
    mutationFn: (review: AdminReview) => api.patch<AdminReview>(`/api/admin/reviews/${review.id}`, { published: !review.published }),
    onSuccess: (saved) => {
      notifyDone(t(saved.published ? 'clinic.review.published' : 'clinic.review.hidden', { name: saved.authorName }));
      void client.invalidateQueries({ queryKey: ['admin', 'reviews'] });
    },
    onError: (error) => notifyFailed(error),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          value={show}
          onChange={(value) => setShow(value as typeof show)}
          aria-label={t('clinic.review.show')}
          data={[
            { value: 'all', label: t('clinic.review.all') },
            { value: 'true', label: t('clinic.review.publishedOnly') },
            { value: 'false', label: t('clinic.review.hiddenOnly') },
          ]}
        />
        <Group gap="xs">
          <ExportButton path="/api/admin/reviews/export.csv" params={{ published: show === 'all' ? undefined : show }} />
          <Button onClick={() => setEditing('new')}>{t('clinic.review.add')}</Button>
        </Group>
      </Group>
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <Text c="dimmed">{t('clinic.review.none')}</Text>}
      {list.data?.map((review) => (
        <Paper key={review.id} withBorder p="sm" bg={review.published ? undefined : 'gray.0'}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4} miw={0}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {review.authorName}
                </Text>
                <Rating value={review.rating} readOnly size="xs" aria-hidden />
                <VisuallyHidden>{t('clinic.review.stars', { count: review.rating })}</VisuallyHidden>
                <Badge size="sm" variant="light" color={review.published ? 'teal' : 'gray'}>
                  {review.published ? t('clinic.review.isPublished') : t('clinic.review.isHidden')}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {formatCalendarDate(review.reviewedOn)} · {review.specialistId ? specialistName(review.specialistId) : t('clinic.review.aboutClinic')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {review.text}
              </Text>
            </Stack>
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" variant={review.published ? 'default' : 'filled'} loading={toggle.isPending && toggle.variables?.id === review.id} onClick={() => toggle.mutate(review)}>
                {review.published ? t('clinic.review.hide') : t('clinic.review.publishNow')}
              </Button>
              <Button size="compact-sm" variant="light" onClick={() => setEditing(review)}>
                {t('form.edit')}
              </Button>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(review)}>
                {t('form.delete')}
              </Button>
            </Group>
          </Group>
        </Paper>
      ))}
      <AdminModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('clinic.review.add') : t('clinic.review.edit')}>
        {editing !== null && <ReviewForm review={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      </AdminModal>
      {deleting && (
        <ConfirmDelete
          title={t('clinic.review.deleteTitle')}
          question={t('clinic.review.deleteQuestion', { name: deleting.authorName })}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.delete(`/api/admin/reviews/${deleting.id}`);
            notifyDone(t('clinic.review.deleted', { name: deleting.authorName }));
            await client.invalidateQueries({ queryKey: ['admin', 'reviews'] });
          }}
        />
      )}
    </Stack>
  );
}
