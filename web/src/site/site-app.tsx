import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { BookingPage } from './booking/booking-page';
import { HomePage } from './home-page';
import { NotFoundPage } from './not-found-page';
import { ReviewsPage } from './reviews-page';
import { SiteLayout } from './site-layout';
import { SpecialistPage } from './specialist-page';
import { SpecialistsPage } from './specialists-page';

/** The public site: everything a visitor sees before signing in. */
export function SiteApp(): ReactNode {
  return (
    <Routes>
      <Route element={<SiteLayout />}>
        <Route index element={<HomePage />} />
        <Route path="specialists" element={<SpecialistsPage />} />
        <Route path="specialists/:id" element={<SpecialistPage />} />
        <Route path="reviews" element={<ReviewsPage />} />
        <Route path="book" element={<BookingPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
