import { Alert, Button, Group, Rating, Select, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { AdminReview } from '../lib/admin-types';
import { useCalendarProps } from '../lib/calendar-props';
import { clinicToday } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { fieldProblems, notifyDone, problemText } from '../lib/notify';
import { useSpecialists } from '../lib/queries';

export function ReviewForm({ review, onClose }: { review: AdminReview | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const calendarProps = useCalendarProps();
  const zone = useZone();
  const client = useQueryClient();
  const specialists = useSpecialists();
  const [authorName, setAuthorName] = useState(review?.authorName ?? '');
  const [text, setText] = useState(review?.text ?? '');
  const [rating, setRating] = useState(review?.rating ?? 5);
  const [reviewedOn, setReviewedOn] = useState<string | null>(review?.reviewedOn ?? clinicToday(zone));
  const [specialistId, setSpecialistId] = useState<string | null>(review?.specialistId ?? null);
  const [published, setPublished] = useState(review?.published ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (review ? api.patch<AdminReview>(`/api/admin/reviews/${review.id}`, body) : api.post<AdminReview>('/api/admin/reviews', body)),
    onSuccess: (saved) => {
      notifyDone(t(saved.published ? 'clinic.review.savedPublished' : 'clinic.review.savedHidden', { name: saved.authorName }));
      void client.invalidateQueries({ queryKey: ['admin', 'reviews'] });
      onClose();
    },
    onError: (error) => setErrors(fieldProblems(error)),
  });
  const submit = (): void => {
    const problems: Record<string, string> = {};
    if (!authorName.trim()) problems.authorName = t('form.required');
    if (!text.trim()) problems.text = t('form.required');
    if (!reviewedOn) problems.reviewedOn = t('form.required');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    save.mutate({ authorName: authorName.trim(), text: text.trim(), rating, reviewedOn, specialistId, published });
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <TextInput label={t('clinic.review.author')} value={authorName} onChange={(e) => setAuthorName(e.currentTarget.value)} error={errors.authorName} maxLength={200} data-autofocus />
        <Textarea label={t('clinic.review.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} maxLength={5000} autosize minRows={3} />
        <Group grow align="flex-start">
          <Stack gap={2}>
            <Text size="sm" fw={500} id="rating-label">
              {t('clinic.review.rating')}
            </Text>
            <Rating value={rating} onChange={setRating} aria-labelledby="rating-label" />
          </Stack>
          <DateInput {...calendarProps} label={t('clinic.review.date')} value={reviewedOn} onChange={setReviewedOn} error={errors.reviewedOn} />
        </Group>
        <Select
          label={t('fields.specialist')}
          placeholder={t('clinic.review.aboutClinic')}
          data={(specialists.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={specialistId}
          onChange={setSpecialistId}
          clearable
        />
        <Switch label={t('clinic.review.publish')} checked={published} onChange={(e) => setPublished(e.currentTarget.checked)} />
        {save.isError && (
          <Alert color="red" role="alert">
            {problemText(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.back')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
