import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, type Reply } from '../../test-support';
import { BreakGlassDialog } from './BreakGlassDialog';

afterEach(cleanup);

function renderDialog(reply: () => Reply = () => ({ status: 201, body: { id: 'g1', caseId: 'case-1', expiresAt: '2025-11-26T02:00:00Z' } })) {
  const fake = fakeApi(reply);
  const onClose = vi.fn();
  const onGranted = vi.fn();
  render(
    <>
      <button type="button">開いたボタン</button>
      <BreakGlassDialog api={fake.api} caseId="case-1" onClose={onClose} onGranted={onGranted} />
    </>,
  );
  return { ...fake, onClose, onGranted };
}

describe('BreakGlassDialog', () => {
  it('is a labelled modal that starts in the reason and warns that the access is recorded and reviewed', () => {
    renderDialog();
    const dialog = screen.getByRole('dialog', { name: '緊急閲覧（ブレークグラス）' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toContain('監査ログに記録され、査察指導員が確認します');
    expect(document.activeElement).toBe(screen.getByLabelText(/理由/));
  });

  it('requires a reason before anything is sent', async () => {
    const { requests, onGranted } = renderDialog();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/理由/), '短い');
    await user.click(screen.getByRole('button', { name: '記録して閲覧する' }));
    expect(screen.getByText('理由を10文字以上で入力してください')).toBeTruthy();
    expect(screen.getByLabelText(/理由/).getAttribute('aria-invalid')).toBe('true');
    expect(requests).toHaveLength(0);
    expect(onGranted).not.toHaveBeenCalled();
  });

  it('keeps the focus inside: Tab from the last button goes back to the reason, Shift+Tab from the reason to the last button', async () => {
    renderDialog();
    const user = userEvent.setup();
    const reason = screen.getByLabelText(/理由/);
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'キャンセル' }));
    await user.tab();
    expect(document.activeElement).toBe(reason);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'キャンセル' }));
  });

  it('closes on Escape without sending', async () => {
    const { requests, onClose } = renderDialog();
    await userEvent.setup().keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
    expect(requests).toHaveLength(0);
  });

  it('sends the reason and reports the grant; shows the api’s field message', async () => {
    const ok = renderDialog();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/理由/), '  本人から至急の連絡があり安全確認が必要  ');
    await user.click(screen.getByRole('button', { name: '記録して閲覧する' }));
    await vi.waitFor(() => expect(ok.onGranted).toHaveBeenCalled());
    expect(ok.requests[0].body).toEqual({ reason: '本人から至急の連絡があり安全確認が必要' });
    cleanup();

    const bad = renderDialog(() => ({ status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'reason', message: '500文字以内で入力してください' }] } }));
    await user.type(screen.getByLabelText(/理由/), '本人から至急の連絡があり安全確認が必要');
    await user.click(screen.getByRole('button', { name: '記録して閲覧する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('理由: 500文字以内で入力してください');
    expect(bad.onGranted).not.toHaveBeenCalled();
  });
});
