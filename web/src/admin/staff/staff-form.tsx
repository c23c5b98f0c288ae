import { Alert, Button, Group, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { StaffAccount, StaffRole } from '../lib/admin-types';
import { fieldProblems, notifyDone, problemText } from '../lib/notify';
import { keys } from '../lib/queries';

/** Add a staff account, or change one: name, role, active, a new password. */
export function StaffForm({ account, onClose }: { account: StaffAccount | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [email, setEmail] = useState(account?.email ?? '');
  const [name, setName] = useState(account?.name ?? '');
  const [role, setRole] = useState<StaffRole>(account?.role ?? 'manager');
  const [active, setActive] = useState(account?.active ?? true);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (account ? api.patch<StaffAccount>(`/api/admin/staff/${account.id}`, body) : api.post<StaffAccount>('/api/admin/staff', body)),
    onSuccess: (saved) => {
      notifyDone(account ? t('staff.saved', { name: saved.name }) : t('staff.added', { name: saved.name }));
      void client.invalidateQueries({ queryKey: keys.staff });
      onClose();
    },
    onError: (error) => setErrors(fieldProblems(error)),
  });
  const submit = (): void => {
    const problems: Record<string, string> = {};
    if (!account && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) problems.email = t('form.emailInvalid');
    if (!name.trim()) problems.name = t('form.required');
    if ((!account || password) && password.length < 10) problems.password = t('staff.passwordShort');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    if (!account) {
      save.mutate({ email: email.trim(), name: name.trim(), role, password });
      return;
    }
    const body: Record<string, unknown> = {};
    if (name.trim() !== account.name) body.name = name.trim();
    if (role !== account.role) body.role = role;
    if (active !== account.active) body.active = active;
    if (password) body.password = password;
    if (Object.keys(body).length === 0) {
      notifyDone(t('contact.nothingChanged'));
      onClose();
      return;
    }
    save.mutate(body);
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <TextInput label={t('fields.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} disabled={account !== null} data-autofocus />
        <TextInput label={t('fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} maxLength={200} />
        <Select
          label={t('staff.role')}
          description={t('staff.roleHint')}
          value={role}
          onChange={(value) => value && setRole(value as StaffRole)}
          allowDeselect={false}
          data={[
            { value: 'manager', label: t('roles.manager') },
            { value: 'admin', label: t('roles.admin') },
          ]}
          error={errors.role}
        />
        <PasswordInput
          label={account ? t('staff.newPassword') : t('signIn.password')}
          description={account ? t('staff.newPasswordHint') : t('staff.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          autoComplete="new-password"
        />
        {account && <Switch label={t('staff.active')} description={t('staff.activeHint')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
        {save.isError && (
          <Alert color="red" role="alert">
            {problemText(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.back')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
