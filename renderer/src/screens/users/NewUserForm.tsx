import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { ROLE_LABELS, ROLES, type Role } from '../../../../shared/roles';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';

/** Exactly the schema the server validates admin.createUser with. */
const schema = contract['admin.createUser'].input;
type Values = z.input<typeof schema>;
type Field = keyof Values;
const FIELDS: readonly Field[] = ['username', 'displayName', 'role', 'password'];

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}

export function NewUserForm({ onCreated, onCancel }: { onCreated: (username: string) => void; onCancel: () => void }) {
  const { register, handleSubmit, control, formState, setError } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { username: '', displayName: '', role: 'teller', password: '' },
  });
  const [problem, setProblem] = useState<string | null>(null);
  // Refreshes the users list on success (method-tables.ts).
  const createUser = useApiMutation('admin.createUser');
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      await createUser.mutateAsync(values);
      onCreated(values.username);
    } catch (e) {
      // Point at the field the server objected to (taken username, weak password) where it says which.
      let placed = false;
      if (e instanceof AppError) {
        for (const issue of e.issues ?? []) {
          const field = FIELDS.find((f) => f === issue.path);
          if (field) {
            setError(field, { message: issue.message });
            placed = true;
          }
        }
        if (!placed && e.code === 'CONFLICT') {
          setError('username', { message: e.message });
          placed = true;
        }
      }
      if (!placed) setProblem(errorMessage(e));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="new-user-form">
      <Stack gap="sm">
        {problem && (
          <Alert color="red" variant="light" data-testid="new-user-error">
            {problem}
          </Alert>
        )}
        <TextInput
          label="Username"
          description="Lower-case letters, digits, . _ -"
          autoFocus
          autoComplete="off"
          error={errors.username?.message}
          data-testid="new-user-username"
          {...register('username')}
        />
        <TextInput label="Display name" autoComplete="off" error={errors.displayName?.message} data-testid="new-user-display-name" {...register('displayName')} />
        <Controller
          control={control}
          name="role"
          render={({ field }) => (
            <Select
              label="Role"
              data={ROLE_OPTIONS}
              allowDeselect={false}
              value={field.value}
              onChange={(v) => isRole(v) && field.onChange(v)}
              onBlur={field.onBlur}
              error={errors.role?.message}
              data-testid="new-user-role"
            />
          )}
        />
        <PasswordInput
          label="Initial password"
          description="At least 12 characters, not a common password or the person’s name. Give it to them through a safe channel: they must replace it at the first sign-in."
          autoComplete="new-password"
          error={errors.password?.message}
          data-testid="new-user-password"
          {...register('password')}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={formState.isSubmitting} data-testid="new-user-submit">
            Create user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
