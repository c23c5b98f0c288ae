import type { CalendarAriaLabels } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

/**
 * What every date field of the console shares: day-first dates, named arrow buttons in the
 * pop-up calendar (Mantine leaves them unnamed), and neither greyed days of the next month nor
 * red weekends, whose contrast is below AA.
 */
export function useCalendarProps(): { ariaLabels: CalendarAriaLabels; hideOutsideDates: true; weekendDays: []; valueFormat: string } {
  const { t } = useTranslation('admin');
  return {
    valueFormat: 'DD.MM.YYYY',
    hideOutsideDates: true,
    // Mantine paints weekend days red, too light to read on white.
    weekendDays: [],
    ariaLabels: {
      previousMonth: t('dates.previousMonth'),
      nextMonth: t('dates.nextMonth'),
      previousYear: t('dates.previousYear'),
      nextYear: t('dates.nextYear'),
      previousDecade: t('dates.previousDecade'),
      nextDecade: t('dates.nextDecade'),
    },
  };
}
