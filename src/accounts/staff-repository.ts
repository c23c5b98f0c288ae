import { sql } from 'kysely';
import type { Db } from '../db/engine.js';

export type StaffRole = 'admin' | 'manager';

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
}

export interface StaffUserWithPassword extends StaffUser {
  passwordHash: string;
}

const columns = ['id', 'email', 'name', 'role', 'active', 'password_hash'] as const;

function toStaffUser(row: { id: string; email: string; name: string; role: string; active: boolean; password_hash: string }): StaffUserWithPassword {
  return { id: row.id, email: row.email, name: row.name, role: row.role as StaffRole, active: row.active, passwordHash: row.password_hash };
}

export async function findStaffByEmail(db: Db, email: string): Promise<StaffUserWithPassword | null> {
  const row = await db
    .selectFrom('staff_users')
    .select(columns)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toStaffUser(row) : null;
}

export async function findStaffById(db: Db, id: string): Promise<StaffUserWithPassword | null> {
  const row = await db.selectFrom('staff_users').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toStaffUser(row) : null;
}

export async function insertStaffUser(
  db: Db,
  user: { email: string; name: string; role: StaffRole; passwordHash: string },
): Promise<StaffUser> {
  const row = await db
    .insertInto('staff_users')
    .values({ email: user.email, name: user.name, role: user.role, password_hash: user.passwordHash })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toStaffUser(row);
}

export async function updateStaffPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('staff_users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}
