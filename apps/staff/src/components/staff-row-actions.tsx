'use client';

import { useActionState } from 'react';
import { Button, Select } from '@undersigned/ui';
import { changeRoleAction, setActiveAction } from '@/app/(staff)/staff/actions';
import type { ActionState } from '@/server/action-state';

export function StaffRowActions({ userId, role, active, self }: { userId: string; role: string; active: boolean; self: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState<ActionState, FormData>(changeRoleAction, {});
  const [activeState, activeAction, activePending] = useActionState<ActionState, FormData>(setActiveAction, {});
  const error = [roleState, activeState].find((s) => s.message && !s.ok)?.message;
  if (self) return <div className="text-right text-xs text-slate-500">You</div>;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={userId} />
        <label className="sr-only" htmlFor={`role-${userId}`}>
          Role
        </label>
        <Select id={`role-${userId}`} name="role" defaultValue={role} className="w-36 py-1.5" disabled={!active}>
          <option value="viewer">Viewer</option>
          <option value="campaigner">Campaigner</option>
          <option value="admin">Admin</option>
        </Select>
        <Button type="submit" variant="secondary" size="sm" disabled={rolePending || !active}>
          Change role
        </Button>
      </form>
      <form
        action={activeAction}
        onSubmit={(e) => {
          if (active && !window.confirm('Deactivate this account? They are signed out at once.')) e.preventDefault();
        }}
      >
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="active" value={active ? 'false' : 'true'} />
        <Button
          type="submit"
          variant={active ? 'ghost' : 'secondary'}
          size="sm"
          disabled={activePending}
          className={active ? 'text-red-600' : undefined}
        >
          {active ? 'Deactivate' : 'Reactivate'}
        </Button>
      </form>
      {error ? (
        <p role="alert" className="w-full text-right text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
