import { Role } from '@tsunagu/common';
import { letterOf, StaffNameMode, StaffNames } from './staff-names';

const STAFF = new Map([
  ['u1', { role: Role.Counselor, displayName: '架空 相談一' }],
  ['u2', { role: Role.Counselor, displayName: '架空 相談二' }],
  ['s1', { role: Role.Supervisor, displayName: '架空 指導一' }],
  ['l1', { role: Role.Liaison, displayName: '架空 窓口一' }],
]);

describe('StaffNames', () => {
  it('redacted: a role and a letter per person, in order of first mention, the same each time', () => {
    const names = new StaffNames(StaffNameMode.Redacted, STAFF);
    expect(['u2', 's1', 'u1', 'u2', 'l1', 's1', 'u1'].map((id) => names.of(id))).toEqual([
      '相談員A',
      '査察指導員A',
      '相談員B',
      '相談員A',
      '庁内連携窓口A',
      '査察指導員A',
      '相談員B',
    ]);
  });

  it('shown: display names; nobody is null; an unknown account is named by 職員 only', () => {
    const names = new StaffNames(StaffNameMode.Shown, STAFF);
    expect([names.of('u1'), names.of('l1'), names.of(null), names.of(undefined), names.of('gone')]).toEqual(['架空 相談一', '架空 窓口一', null, null, '職員']);
    expect(new StaffNames(StaffNameMode.Redacted, STAFF).of('gone')).toBe('職員A');
  });

  it('never prints a name or login id when redacted', () => {
    const names = new StaffNames(StaffNameMode.Redacted, STAFF);
    const printed = [...STAFF.keys()].map((id) => names.of(id)).join(' ');
    for (const member of STAFF.values()) expect(printed).not.toContain(member.displayName);
    for (const id of STAFF.keys()) expect(printed).not.toContain(id);
  });

  it('counts letters as spreadsheet columns do past Z', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(letterOf)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
