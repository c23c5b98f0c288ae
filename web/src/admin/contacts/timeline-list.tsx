import { Text, Timeline } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../shared/format';
import type { TimelineEntry } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { kindGroup, useDescribeEntry } from './timeline-words';

const GROUP_COLORS: Record<string, string> = { booking: 'teal', email: 'blue', contact: 'grape', message: 'orange', client: 'gray' };

/** Timeline entries as they come (the API gives newest first), each in words. */
export function TimelineList({ entries }: { entries: TimelineEntry[] }): ReactNode {
  const zone = useZone();
  const describe = useDescribeEntry();
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {entries.map((entry) => {
        const failed = entry.kind === 'email.failed';
        return (
          <Timeline.Item key={entry.id} color={failed ? 'red' : (GROUP_COLORS[kindGroup(entry.kind)] ?? 'gray')}>
            {describe(entry).map((line, index) => (
              <Text key={index} size="sm" c={failed ? 'red.8' : undefined}>
                {line}
              </Text>
            ))}
            <Text size="xs" c="dimmed">
              <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, zone)}</time>
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
