import { testDatabaseOwnerPid } from './index';

describe('testDatabaseOwnerPid', () => {
  it('reads the creating process from a test database name, so only databases of dead processes are dropped', () => {
    expect(testDatabaseOwnerPid('undersigned_t_bench_update_27512_kuilzu')).toBe(27512);
    expect(testDatabaseOwnerPid('undersigned_t_e2e_staff_updates_3884_lgalse')).toBe(3884);
    expect(testDatabaseOwnerPid('undersigned_t_template')).toBeNull();
    expect(testDatabaseOwnerPid('undersigned')).toBeNull();
  });
});
