import { idColumn, instantCell, yesNo, type CsvColumn } from '../http/csv-download.js';
import type { Award, Review } from './clinic-repository.js';

// The clinic page's two lists as spreadsheets: reviews (published and hidden) and awards.

export interface ReviewWithSpecialist extends Review {
  /** The specialist the review is about; null for the clinic as a whole. */
  specialistName: string | null;
}

export const REVIEW_COLUMNS: Array<CsvColumn<ReviewWithSpecialist>> = [
  idColumn(),
  { header: { uk: 'Дата', en: 'Date' }, cell: (r) => r.reviewedOn },
  { header: { uk: 'Автор', en: 'Author' }, cell: (r) => r.authorName },
  { header: { uk: 'Оцінка', en: 'Rating' }, cell: (r) => r.rating },
  { header: { uk: 'Відгук', en: 'Review' }, cell: (r) => r.text },
  { header: { uk: 'Фахівець', en: 'Specialist' }, cell: (r) => r.specialistName },
  { header: { uk: 'Опубліковано', en: 'Published' }, cell: (r, csv) => yesNo(r.published, csv) },
  { header: { uk: 'Додано', en: 'Added' }, cell: (r, csv) => instantCell(r.createdAt, csv) },
];

export const AWARD_COLUMNS: Array<CsvColumn<Award>> = [
  idColumn(),
  { header: { uk: 'Нагорода', en: 'Award' }, cell: (a) => a.title },
  { header: { uk: 'Ким видана', en: 'Issuer' }, cell: (a) => a.issuer },
  { header: { uk: 'Рік', en: 'Year' }, cell: (a) => a.year },
  { header: { uk: 'Опис', en: 'Description' }, cell: (a) => a.description },
  { header: { uk: 'Порядок на сайті', en: 'Order on the site' }, cell: (a) => a.position },
];
