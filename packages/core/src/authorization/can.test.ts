import { can } from './can';
import { STAFF_ACTIONS, type StaffActor } from './permissions';

const actor = (role: StaffActor['role'], active = true): StaffActor => ({
  id: 'u1',
  email: 'a@b.example',
  name: null,
  role,
  active,
});

describe('staff authorization', () => {
  it('lets admins do everything and nobody do anything anonymously or when deactivated', () => {
    for (const action of STAFF_ACTIONS) {
      expect(can(actor('admin'), action)).toBe(true);
      expect(can(null, action)).toBe(false);
      expect(can(actor('admin', false), action)).toBe(false);
    }
  });

  it('keeps viewers to reading: no edits, no personal data, no exports, no sending', () => {
    const allowed = STAFF_ACTIONS.filter((a) => can(actor('viewer'), a));
    expect(allowed.sort()).toEqual(['campaign.read', 'dashboard.read', 'delivery.read', 'target.read', 'update.read'].sort());
  });

  it('lets campaigners write responses and send updates, and only admins change the cap on updates', () => {
    for (const action of ['response.edit', 'update.send'] as const) {
      expect(can(actor('campaigner'), action)).toBe(true);
      expect(can(actor('viewer'), action)).toBe(false);
    }
    expect(can(actor('campaigner'), 'update.cap')).toBe(false);
    expect(can(actor('admin'), 'update.cap')).toBe(true);
  });

  it('keeps staff management, the audit log and integrations (API keys, webhooks) to admins', () => {
    expect(can(actor('campaigner'), 'staff.manage')).toBe(false);
    expect(can(actor('campaigner'), 'audit.read')).toBe(false);
    // API keys and webhooks hand people's data to another system: admins only.
    expect(can(actor('campaigner'), 'integration.manage')).toBe(false);
    expect(can(actor('viewer'), 'integration.manage')).toBe(false);
    expect(can(actor('admin'), 'integration.manage')).toBe(true);
    expect(can(actor('campaigner'), 'signature.export')).toBe(true);
    expect(can(actor('campaigner'), 'delivery.trigger')).toBe(true);
  });

  it('keeps the queue dashboard (Bull Board) to admins', () => {
    expect(STAFF_ACTIONS.filter((a) => a === 'queues.manage')).toEqual(['queues.manage']);
    expect(can(actor('viewer'), 'queues.manage')).toBe(false);
    expect(can(actor('campaigner'), 'queues.manage')).toBe(false);
    expect(can(actor('admin'), 'queues.manage')).toBe(true);
  });
});
