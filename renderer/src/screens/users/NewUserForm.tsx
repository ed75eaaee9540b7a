import { zodResolver } from '@hookform/resolvers/zod';
import { Stack } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { ROLE_LABELS, ROLES } from '../../../../shared/roles';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { PasswordField, SelectField, TextField } from '../../components/form/bound-fields';
import { FormActions } from '../../components/form/FormActions';
import { FormError } from '../../components/form/FormError';
import { placeServerIssues } from '../../components/form/place-server-issues';

/** Exactly the schema the server validates admin.createUser with. */
const schema = contract['admin.createUser'].input;
type Values = z.input<typeof schema>;
type Field = keyof Values;
const FIELDS: readonly Field[] = ['username', 'displayName', 'role', 'password'];

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function NewUserForm({ onCreated, onCancel }: { onCreated: (username: string) => void; onCancel: () => void }) {
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { username: '', displayName: '', role: 'teller', password: '' } });
  const [problem, setProblem] = useState<string | null>(null);
  // Refreshes the users list on success (method-tables.ts).
  const createUser = useApiMutation('admin.createUser');
  const { handleSubmit, formState, setError } = form;

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      await createUser.mutateAsync(values);
      onCreated(values.username);
    } catch (e) {
      // Point at the field the server objected to (taken username, weak password) where it says which.
      if (placeServerIssues(e, setError, (path) => FIELDS.find((f) => f === path))) return;
      if (e instanceof AppError && e.code === 'CONFLICT') setError('username', { message: e.message });
      else setProblem(errorMessage(e));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="new-user-form">
      <Stack gap="sm">
        <FormError error={problem} testId="new-user-error" />
        <TextField form={form} name="username" label="Username" description="Lower-case letters, digits, . _ -" autoFocus autoComplete="off" data-testid="new-user-username" />
        <TextField form={form} name="displayName" label="Display name" autoComplete="off" data-testid="new-user-display-name" />
        <SelectField form={form} name="role" label="Role" data={ROLE_OPTIONS} data-testid="new-user-role" />
        <PasswordField
          form={form}
          name="password"
          label="Initial password"
          description="At least 12 characters, not a common password or the person’s name. Give it to them through a safe channel: they must replace it at the first sign-in."
          autoComplete="new-password"
          data-testid="new-user-password"
        />
        <FormActions submitLabel="Create user" busy={formState.isSubmitting} onCancel={onCancel} mt="xs" submitTestId="new-user-submit" />
      </Stack>
    </form>
  );
}
