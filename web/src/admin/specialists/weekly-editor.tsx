import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Interval, type Weekday } from '../../shared/types';
import { errorsUnder, IntervalsEditor } from './intervals-editor';

/** A week of working (or opening) hours, one row per weekday. Errors are keyed `<prefix>.<day>.<i>.<field>`. */
export function WeeklyEditor({
  weekly,
  onChange,
  errors,
  prefix,
  disabled,
  max,
  closedText,
}: {
  weekly: Record<Weekday, Interval[]>;
  onChange: (weekly: Record<Weekday, Interval[]>) => void;
  errors: Record<string, string>;
  prefix: string;
  disabled?: boolean;
  max?: number;
  closedText: string;
}): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Table verticalSpacing={6} withRowBorders>
      <Table.Tbody>
        {WEEKDAYS.map((day) => (
          <Table.Tr key={day}>
            <Table.Th w={130} scope="row" style={{ verticalAlign: 'top' }}>
              <Text size="sm" fw={600} mt={4}>
                {t(`weekdays.${day}`)}
              </Text>
            </Table.Th>
            <Table.Td>
              <IntervalsEditor
                dayLabel={t(`weekdays.${day}`)}
                intervals={weekly[day]}
                onChange={(intervals) => onChange({ ...weekly, [day]: intervals })}
                errors={errorsUnder(errors, `${prefix}.${day}`)}
                disabled={disabled}
                max={max}
                emptyText={closedText}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
