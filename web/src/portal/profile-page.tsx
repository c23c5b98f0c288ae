import { Divider, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadingState } from '../shared/states';
import { DataRightsSection } from './data-rights-section';
import { EmailChangeForm } from './email-change-form';
import { EmailChangeNotice } from './email-change-notice';
import { useMe } from './portal-api';
import { PortalError } from './portal-auth';
import { ProfileDetailsForm } from './profile-details-form';
import { PageTitle } from './page-title';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }): ReactNode {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

export function ProfilePage(): ReactNode {
  const { t } = useTranslation('portal');
  useDocumentTitle(t('profile.documentTitle'));
  const [params] = useSearchParams();
  const me = useMe();

  return (
    <Stack gap="lg">
      <PageTitle>{t('profile.title')}</PageTitle>
      <EmailChangeNotice outcome={params.get('email')} />
      {me.isError ? (
        <PortalError error={me.error} onRetry={() => void me.refetch()} />
      ) : !me.data ? (
        <LoadingState />
      ) : (
        <>
          <Section id="details-heading" title={t('profile.details')}>
            <ProfileDetailsForm key={me.data.id} profile={me.data} />
          </Section>
          <Divider />
          <Section id="email-heading" title={t('profile.emailHeading')}>
            <EmailChangeForm profile={me.data} />
          </Section>
          <Divider />
          <Section id="data-heading" title={t('data.heading')}>
            <DataRightsSection />
          </Section>
        </>
      )}
    </Stack>
  );
}
