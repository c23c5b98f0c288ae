import { Anchor, Box, Container, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OpeningHours } from './opening-hours';
import { useClinic } from './site-queries';

/** A phone number as a tel: link target: digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}

export function SiteFooter(): ReactNode {
  const { t } = useTranslation('site');
  const clinic = useClinic();
  const data = clinic.data;
  return (
    <Box component="footer" mt="xl" py="xl" bg="gray.0" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Container size="lg">
        {data ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
            <Stack gap={6}>
              <Title order={2} size="h4">
                {data.name}
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
            <Stack gap={6}>
              <Title order={2} size="h4">
                {t('hours.title')}
              </Title>
              <OpeningHours hours={data.openingHours} />
            </Stack>
          </SimpleGrid>
        ) : (
          <Text>{clinic.isError ? t('layout.footerUnavailable') : '\u00a0'}</Text>
        )}
      </Container>
    </Box>
  );
}
