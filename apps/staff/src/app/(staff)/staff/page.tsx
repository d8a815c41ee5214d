import type { Metadata } from 'next';
import { listStaff } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Badge, Card, CardBody, CardHeader, PageHeader, Table, Td, Th } from '@undersigned/ui';
import { formatDateTime } from '@/components/format';
import { InviteForm } from '@/components/invite-form';
import { StaffRowActions } from '@/components/staff-row-actions';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';

export const metadata: Metadata = { title: 'Staff' };

const ROLE_HELP =
  'Viewers read dashboards. Campaigners run campaigns, targets, deliveries and exports. Admins also manage staff and read the audit log.';

export default async function StaffPage() {
  const actor = await requireStaff('staff.manage');
  const staff = await listStaff(getDb());
  const tz = staffEnv().STAFF_TIME_ZONE;
  return (
    <>
      <PageHeader title="Staff" description={ROLE_HELP} />
      <Card className="mb-6">
        <CardHeader title="Invite someone" description="They sign in with a link sent to this address." />
        <CardBody>
          <InviteForm />
        </CardBody>
      </Card>
      <Table>
        <thead>
          <tr>
            <Th>Person</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Last sign-in</Th>
            <Th className="text-right">Actions</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {staff.map((u) => (
            <tr key={u.id} className={u.active ? undefined : 'bg-slate-50 text-slate-500'}>
              <Td>
                <div className="font-medium text-slate-900">{u.name ?? u.email}</div>
                {u.name ? <div className="text-xs text-slate-500">{u.email}</div> : null}
              </Td>
              <Td className="capitalize">{u.role}</Td>
              <Td>{u.active ? <Badge tone="green">Active</Badge> : <Badge tone="gray">Deactivated</Badge>}</Td>
              <Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, tz) : <span className="text-slate-500">Never</span>}</Td>
              <Td>
                <StaffRowActions userId={u.id} role={u.role} active={u.active} self={u.id === actor.id} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
