import { idColumn, sameIn, yesNo, type CsvColumn, type CsvWords } from '../http/csv-download.js';
import type { StaffRole, StaffUser } from './staff-repository.js';

// The staff accounts list as a spreadsheet (never a password hash).

const ROLES: CsvWords<StaffRole> = { uk: { admin: 'адміністратор', manager: 'менеджер' }, en: { admin: 'administrator', manager: 'manager' } };

export const STAFF_COLUMNS: Array<CsvColumn<StaffUser>> = [
  idColumn(),
  { header: { uk: 'Ім’я', en: 'Name' }, cell: (u) => u.name },
  { header: sameIn('E-mail'), cell: (u) => u.email },
  { header: { uk: 'Роль', en: 'Role' }, cell: (u, csv) => ROLES[csv.language][u.role] },
  { header: { uk: 'Активний', en: 'Active' }, cell: (u, csv) => yesNo(u.active, csv) },
];
