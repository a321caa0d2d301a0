/** Saves a downloaded file: the browser gets a Blob URL, so the session token stays in the request header, never in a URL. */
export type SaveFile = (blob: Blob, filename: string) => void;

export const saveWithBlobUrl: SaveFile = (blob, filename) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

/** The file name a response's Content-Disposition gives (`attachment; filename="…"`), if any. */
export function attachmentName(response: Response): string | null {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
}
