import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from './language-switch';
import { useClinic } from './portal-api';
import classes from './portal.module.css';

/** The portal's page frame: skip link, header with the clinic's name, and the main landmark. */
export function PortalFrame({ nav, children }: { nav?: ReactNode; children: ReactNode }): ReactNode {
  const { t } = useTranslation('portal');
  const clinic = useClinic();
  return (
    <>
      <a href="#main" className={classes.skip}>
        {t('common:nav.skip')}
      </a>
      <Box component="header" className={classes.header}>
        <Container size="md" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Box miw={0}>
              <Text component={Link} to="/portal" fw={700} size="lg" c="dark.8" td="none" truncate="end" display="block">
                {/* Never an empty link, even while the clinic's name is still loading. */}
                {clinic.data?.name ?? t('layout.area')}
              </Text>
              <Text size="sm" c="gray.7">
                {t('layout.area')}
              </Text>
            </Box>
            <LanguageSwitch />
          </Group>
          {nav}
        </Container>
      </Box>
      <Container size="md" py="lg" component="main" id="main" tabIndex={-1} className={classes.main}>
        {children}
      </Container>
    </>
  );
}
