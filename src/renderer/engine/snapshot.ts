/** Stills of video tiles: a PNG of the current frame, drawn through a canvas. */

/** Encodes the frame a video element shows now as a PNG. */
export function captureFrame(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context || canvas.width === 0) return Promise.reject(new Error('No video frame to capture yet'));
  context.drawImage(video, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** Saves a blob as a download with the given file name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `parley-<name>-<time>.png`, safe on every file system. */
export function snapshotFileName(name: string, at: Date = new Date()): string {
  const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40) || 'tile';
  return `parley-${safe}-${at.toISOString().replace(/[:.]/g, '-')}.png`;
}
