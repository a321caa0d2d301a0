import type { DisplayError } from '../api/errors';

/** The error of the last request, read out at once by screen readers. */
export function ErrorSummary({ error }: { error: DisplayError | null }) {
  if (!error) return null;
  return (
    <div className="error-summary" role="alert">
      <p>{error.message}</p>
      {error.requestId && <p className="request-id">問い合わせ番号: {error.requestId}</p>}
    </div>
  );
}

export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}
