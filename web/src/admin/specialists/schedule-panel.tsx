import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Schedule } from '../lib/admin-types';
import { clinicToday } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { fieldProblems, notifyDone, notifyFailed, notifyProblem, problemText } from '../lib/notify';
import { OverridesEditor } from './overrides-editor';
import { scheduleProblems, type ScheduleWords } from './schedule-rules';
import { WeeklyEditor } from './weekly-editor';

export function useScheduleWords(): ScheduleWords {
  const { t } = useTranslation('admin');
  return {
    badTime: t('schedule.badTime'),
    endBeforeStart: t('schedule.endBeforeStart'),
    overlaps: t('schedule.overlaps'),
    untilBeforeDate: t('schedule.untilBeforeDate'),
    overrideOverlaps: t('schedule.overrideOverlaps'),
    dateMissing: t('form.required'),
  };
}

function ScheduleForm({ specialistId, saved, readOnly }: { specialistId: string; saved: Schedule; readOnly: boolean }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const words = useScheduleWords();
  const [schedule, setSchedule] = useState<Schedule>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: Schedule) => api.put<Schedule>(`/api/admin/specialists/${specialistId}/schedule`, body),
    onSuccess: (answer) => {
      client.setQueryData(['admin', 'schedule', specialistId], answer);
      setSchedule(answer);
      setErrors({});
      setServerMessage(null);
      notifyDone(t('schedule.saved'));
    },
    onError: (error) => {
      setErrors(fieldProblems(error));
      setServerMessage(problemText(error));
      notifyFailed(error);
    },
  });
  const submit = (): void => {
    const overrides = schedule.overrides.map((o) => (o.until === o.date ? { date: o.date, intervals: o.intervals } : o));
    const body = { weekly: schedule.weekly, overrides };
    const problems = scheduleProblems(body, words);
    setErrors(problems);
    setServerMessage(null);
    if (Object.keys(problems).length > 0) {
      notifyProblem(t('schedule.fixFirst'));
      return;
    }
    save.mutate(body);
  };
  const problemCount = Object.keys(errors).length;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <div>
          <Title order={3} size="h5" mb={4}>
            {t('schedule.weekly')}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('schedule.weeklyHint', { zone })}
          </Text>
          <WeeklyEditor weekly={schedule.weekly} onChange={(weekly) => setSchedule({ ...schedule, weekly })} errors={errors} prefix="weekly" disabled={readOnly} closedText={t('schedule.dayOff')} />
        </div>
        <div>
          <Title order={3} size="h5" mb={4}>
            {t('schedule.overrides')}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('schedule.overridesHint')}
          </Text>
          <OverridesEditor overrides={schedule.overrides} onChange={(overrides) => setSchedule({ ...schedule, overrides })} errors={errors} disabled={readOnly} today={clinicToday(zone)} />
        </div>
        {problemCount > 0 && (
          <Alert color="red" role="alert">
            {serverMessage ?? t('schedule.problems', { count: problemCount })}
          </Alert>
        )}
        {!readOnly && (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => { setSchedule(saved); setErrors({}); }}>
              {t('form.reset')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('form.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function SchedulePanel({ specialistId, readOnly }: { specialistId: string; readOnly: boolean }): ReactNode {
  const { t } = useTranslation('admin');
  const query = useQuery({
    queryKey: ['admin', 'schedule', specialistId],
    queryFn: () => api.get<Schedule>(`/api/admin/specialists/${specialistId}/schedule`),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="schedule-title">
      <Title order={2} size="h4" id="schedule-title" mb="sm">
        {t('schedule.title')}
      </Title>
      {readOnly && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('specialists.readOnly')}
        </Text>
      )}
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <ScheduleForm key={JSON.stringify(query.data)} specialistId={specialistId} saved={query.data} readOnly={readOnly} />}
    </Paper>
  );
}
