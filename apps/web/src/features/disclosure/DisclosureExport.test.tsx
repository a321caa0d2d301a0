import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import { clientDto, codeLists, COUNSELOR_PERMISSIONS, meWith } from '../../test-fixtures/counselor';
import { ClientScreen } from '../clients/ClientScreen';
import { DisclosureExportDialog } from './DisclosureExport';

afterEach(cleanup);

const ZIP = { status: 200, body: 'PK-zip-bytes', headers: { 'content-disposition': 'attachment; filename="kaiji-client-1-20251126.zip"' } };

function renderDialog(reply: () => Reply = () => ZIP) {
  const fake = fakeApi(reply);
  const save = vi.fn();
  const onDone = vi.fn();
  const onClose = vi.fn();
  render(
    <>
      <button type="button">開いたボタン</button>
      <DisclosureExportDialog api={fake.api} clientId="client-1" save={save} onDone={onDone} onClose={onClose} />
    </>,
  );
  return { ...fake, save, onDone, onClose };
}

describe('DisclosureExportDialog', () => {
  it('is a labelled modal that explains the export, starting on 伏せる with the reason for it', () => {
    renderDialog();
    const dialog = screen.getByRole('dialog', { name: '本人開示用に書き出す' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toContain('監査ログに記録されます');
    const redacted = screen.getByRole('radio', { name: /伏せる/ }) as HTMLInputElement;
    expect(redacted.checked).toBe(true);
    expect(document.activeElement).toBe(redacted);
    const group = screen.getByRole('group', { name: '職員名の扱い' });
    expect(document.getElementById(group.getAttribute('aria-describedby')!)!.textContent).toContain('加害者が本人に開示請求をさせ');
  });

  it('sends the default policy without a receipt number and saves the ZIP under the name the api gives', async () => {
    const { requests, save, onDone } = renderDialog();
    await userEvent.setup().click(screen.getByRole('button', { name: '書き出す（監査ログに記録）' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith('kaiji-client-1-20251126.zip'));
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url.pathname).toBe('/api/v1/clients/client-1/disclosure-export');
    expect(requests[0].body).toEqual({ staffNames: 'redacted' });
    expect(save).toHaveBeenCalledTimes(1);
    expect((save.mock.calls[0][0] as Blob).size).toBe(JSON.stringify('PK-zip-bytes').length);
    expect(save.mock.calls[0][1]).toBe('kaiji-client-1-20251126.zip');
  });

  it('sends 職員の氏名を記載する and the receipt number when chosen', async () => {
    const { requests, onDone } = renderDialog();
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: '職員の氏名を記載する' }));
    await user.type(screen.getByLabelText('開示請求の受付番号（任意）'), ' R7-開示-0012 ');
    await user.click(screen.getByRole('button', { name: '書き出す（監査ログに記録）' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(requests[0].body).toEqual({ staffNames: 'shown', requestReference: 'R7-開示-0012' });
  });

  it('shows the field the api refused and saves nothing', async () => {
    const { save, onDone } = renderDialog(() => ({
      status: 400,
      body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'requestReference', message: '形式が正しくありません' }] },
    }));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('開示請求の受付番号（任意）'), 'R7 0012');
    await user.click(screen.getByRole('button', { name: '書き出す（監査ログに記録）' }));
    expect((await screen.findByRole('alert')).textContent).toContain('開示請求の受付番号: 形式が正しくありません');
    expect(screen.getByLabelText('開示請求の受付番号（任意）').getAttribute('aria-invalid')).toBe('true');
    expect(save).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('says so when the records were destroyed (410), and closes on Escape without sending', async () => {
    const gone = renderDialog(() => ({ status: 410, body: { statusCode: 410, message: 'この相談者の記録は保存期間の経過により消去されているため、書き出せません' } }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '書き出す（監査ログに記録）' }));
    expect((await screen.findByRole('alert')).textContent).toContain('消去されているため');
    expect(gone.save).not.toHaveBeenCalled();
    cleanup();

    const idle = renderDialog();
    await user.keyboard('{Escape}');
    expect(idle.onClose).toHaveBeenCalled();
    expect(idle.requests).toHaveLength(0);
  });
});

describe('本人開示 on the client page', () => {
  const reply = (_m: string, url: URL): Reply => {
    if (url.pathname === '/api/v1/clients/client-1') return { status: 200, body: clientDto() };
    if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [], nextCursor: null } };
    if (url.pathname === '/api/v1/clients/client-1/disclosure-export') return ZIP;
    return codeLists(url) ?? { status: 200, body: [] };
  };
  const renderScreen = (permissions: string[]) => {
    const fake = fakeApi(reply);
    render(
      <RouterProvider>
        <ClientScreen api={fake.api} me={meWith(permissions)} params={{ id: 'client-1' }} />
      </RouterProvider>,
    );
    return fake;
  };

  it('is offered only with client.disclosure-export (supervisors), and reports the saved file', async () => {
    renderScreen(COUNSELOR_PERMISSIONS);
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('button', { name: '本人開示用に書き出す' })).toBeNull();
    cleanup();

    const save = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:zip');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderScreen([...COUNSELOR_PERMISSIONS, 'case.read.restricted', 'client.disclosure-export']);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '本人開示用に書き出す' }));
    const dialog = screen.getByRole('dialog', { name: '本人開示用に書き出す' });
    await user.click(within(dialog).getByRole('button', { name: '書き出す（監査ログに記録）' }));
    expect((await screen.findByRole('status')).textContent).toContain('kaiji-client-1-20251126.zip を保存しました');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(save).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    save.mockRestore();
    revoke.mockRestore();
    click.mockRestore();
  });
});
