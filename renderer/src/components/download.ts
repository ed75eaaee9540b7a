/** Saves a blob under a file name through a temporary object URL (works the same in Electron and a browser). */
function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 2_000);
}

/**
 * Saves text as a file. The BOM makes Excel read UTF-8 (names with diacritics) correctly; other
 * tools ignore it.
 */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  saveBlob(fileName, new Blob(['\uFEFF', text], { type: mime }));
}

/** Saves a file the server sent as base64 (a statement PDF or CSV) under the server's file name. */
export function downloadBase64(fileName: string, mimeType: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  saveBlob(fileName, new Blob([bytes], { type: mimeType }));
}
