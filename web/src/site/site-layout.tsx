import { Box, Container } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';
import classes from './site.module.css';

/** Skip link, header, the page, footer. After a navigation, focus moves to the new page's content. */
export function SiteLayout(): ReactNode {
  const { t } = useTranslation('common');
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
    window.scrollTo({ top: 0 });
  }, [pathname]);

  return (
    <Box className={classes.palette} style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <a href="#main" className={classes.skipLink}>
        {t('nav.skip')}
      </a>
      <SiteHeader />
      <Box component="main" id="main" ref={main} tabIndex={-1} className={classes.main} style={{ flex: 1 }}>
        <Container size="lg" py={{ base: 'lg', sm: 'xl' }}>
          <Outlet />
        </Container>
      </Box>
      <SiteFooter />
    </Box>
  );
}
