import { useEffect } from 'react';
import { useClinic } from './site-queries';

/** Names the browser tab after the page and the clinic, so screen-reader users hear where they landed. */
export function usePageTitle(title: string | null): void {
  const clinic = useClinic();
  const name = clinic.data?.name;
  useEffect(() => {
    document.title = [title, name].filter(Boolean).join(' · ') || 'Clinicflow';
  }, [title, name]);
}
