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

export async function listStaff(db: Db): Promise<StaffUser[]> {
  const rows = await db.selectFrom('staff_users').select(columns).orderBy('email').execute();
  return rows.map((row) => {
    const { passwordHash: _hash, ...user } = toStaffUser(row);
    return user;
  });
}

/** Every staff member's name by id, for lists that say who did something. */
export async function staffNamesById(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('staff_users').select(['id', 'name']).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function updateStaffUser(db: Db, id: string, changes: { name?: string; role?: StaffRole; active?: boolean }): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('staff_users').set(changes).where('id', '=', id).execute();
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Failed logins of one account in the window: the per-account limit, shared by every process. */
export async function recentLoginFailures(db: Db, email: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('failed_at').as('oldest')])
    .where('email', '=', email.toLowerCase())
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as Date | null) ?? null };
}

export async function recordLoginFailure(db: Db, email: string, ip: string | null, at: Date): Promise<void> {
  await db.insertInto('login_failures').values({ email: email.toLowerCase().slice(0, 254), ip, failed_at: at }).execute();
}

export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email.toLowerCase()).execute();
}

export interface StaffRecipient {
  id: string;
  email: string;
  name: string;
}

/** Who hears about the clinic's inbox and clients' changes: every active administrator and manager. */
export async function findStaffToNotify(db: Db): Promise<StaffRecipient[]> {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'name'])
    .where('active', '=', true)
    .where('role', 'in', ['admin', 'manager'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
