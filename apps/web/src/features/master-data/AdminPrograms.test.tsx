import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, type Reply } from '../../test-support';
import { AdminPrograms } from './AdminPrograms';

afterEach(cleanup);

const me = { id: 'admin-id', role: 'admin', permissions: ['master.manage'] } as unknown as Schemas['MeResponseDto'];
const PROGRAMS = [
  { code: 'dv-soudan', name: 'DV相談', channels: ['phone', 'visit'], countingUnit: 'contact', active: true, retentionYears: 5, serviceHours: [{ kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '08:45', end: '17:15' }] },
  {
    code: 'ashitaba-line',
    name: 'あしたば LINE相談',
    channels: ['line'],
    countingUnit: 'session',
    active: true,
    retentionYears: 3,
    serviceHours: [
      { kind: 'monthly', nth: 2, weekday: 6, start: '10:00', end: '12:00' },
      { kind: 'monthly', nth: 4, weekday: 6, start: '10:00', end: '12:00' },
    ],
  },
  { code: 'old', name: '旧事業', channels: ['email'], countingUnit: 'contact', active: false, retentionYears: 5, serviceHours: null },
];

function setup(onWrite: (method: string, url: URL, body: unknown) => Reply = () => ({ status: 200, body: PROGRAMS[0] })) {
  const fake = fakeApi((method, url, body) => (method === 'GET' ? { status: 200, body: PROGRAMS } : onWrite(method, url, body)));
  render(<AdminPrograms api={fake.api} me={me} params={{}} />);
  return { ...fake, user: userEvent.setup() };
}

describe('AdminPrograms', () => {
  it('lists programs with counting unit, channels and their hours in words', async () => {
    setup();
    const dv = await screen.findByRole('row', { name: /DV相談/ });
    expect(dv.textContent).toContain('dv-soudan');
    expect(dv.textContent).toContain('相談1回');
    expect(dv.textContent).toContain('電話・来所');
    expect(dv.textContent).toContain('月〜金 8:45〜17:15');
    expect(screen.getByRole('row', { name: /あしたば/ }).textContent).toContain('毎月第2・第4土曜日 10:00〜12:00');
    const old = screen.getByRole('row', { name: /旧事業/ });
    expect(old.textContent).toContain('時間の定めなし');
    expect(old.textContent).toContain('無効');
  });

  it('edits a weekly rule and adds a monthly one, sending the rules as the api models them', async () => {
    const { requests, user } = setup();
    await user.click(await screen.findByRole('button', { name: '受付時間を編集（DV相談）' }));
    const form = screen.getByRole('region', { name: 'DV相談 の受付時間' });
    const first = within(form).getByRole('group', { name: '規則1' });
    await user.click(within(first).getByRole('checkbox', { name: '金曜' }));
    fireEvent.change(within(first).getByLabelText('終了時刻'), { target: { value: '17:00' } });
    await user.click(within(form).getByRole('button', { name: '規則を追加' }));
    const second = within(form).getByRole('group', { name: '規則2' });
    await user.selectOptions(within(second).getByLabelText('繰り返し'), '毎月（第○曜日）');
    await user.selectOptions(within(second).getByLabelText('週'), '第2');
    await user.selectOptions(within(second).getByLabelText('曜日'), '土曜日');
    fireEvent.change(within(second).getByLabelText('開始時刻'), { target: { value: '10:00' } });
    fireEvent.change(within(second).getByLabelText('終了時刻'), { target: { value: '12:00' } });
    expect(form.textContent).toContain('表示: 月〜木 8:45〜17:00、毎月第2土曜日 10:00〜12:00');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('DV相談 の受付時間を保存しました。');
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.url.pathname).toBe('/api/v1/programs/dv-soudan');
    expect(patch?.body).toEqual({
      serviceHours: [
        { kind: 'weekly', weekdays: [1, 2, 3, 4], start: '08:45', end: '17:00' },
        { kind: 'monthly', nth: 2, weekday: 6, start: '10:00', end: '12:00' },
      ],
    });
  });

  it('sends null when every rule is removed (no fixed hours)', async () => {
    const { requests, user } = setup();
    await user.click(await screen.findByRole('button', { name: '受付時間を編集（DV相談）' }));
    await user.click(screen.getByRole('button', { name: '規則1を削除' }));
    expect(screen.getByRole('region', { name: 'DV相談 の受付時間' }).textContent).toContain('表示: 時間の定めなし');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('DV相談 の受付時間を保存しました。');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ serviceHours: null });
  });

  it('shows the api refusal under the rule it names', async () => {
    const { user } = setup(() => ({ status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'serviceHours.0', message: '終了時刻は開始時刻より後にしてください' }] } }));
    await user.click(await screen.findByRole('button', { name: '受付時間を編集（DV相談）' }));
    const rule = screen.getByRole('group', { name: '規則1' });
    fireEvent.change(within(rule).getByLabelText('終了時刻'), { target: { value: '08:00' } });
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect((await screen.findByRole('alert')).textContent).toContain('終了時刻は開始時刻より後にしてください');
    expect(within(rule).getByText('終了時刻は開始時刻より後にしてください')).toBeTruthy();
    expect(within(rule).getByLabelText('終了時刻').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('region', { name: 'DV相談 の受付時間' })).toBeTruthy();
  });

  it('can retire a program', async () => {
    const { requests, user } = setup();
    await user.click(await screen.findByRole('button', { name: '受付時間を編集（DV相談）' }));
    await user.click(screen.getByRole('checkbox', { name: /有効/ }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('DV相談 の受付時間を保存しました。');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({ active: false });
  });

  it('shows and changes the retention years, and names the field the api refuses', async () => {
    const { requests, user } = setup((method) => (method === 'PATCH' ? { status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'retentionYears', message: '30以下にしてください' }] } } : { status: 200, body: PROGRAMS[0] }));
    expect((await screen.findByRole('row', { name: /あしたば/ })).textContent).toContain('終結後3年');
    await user.click(screen.getByRole('button', { name: '受付時間を編集（DV相談）' }));
    const years = screen.getByLabelText(/保存年限/);
    await user.clear(years);
    await user.type(years, '31');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('30以下にしてください', { selector: '.field-error' })).toBeTruthy();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({ retentionYears: 31 });
  });
});
