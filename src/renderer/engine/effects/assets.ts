/** Loading what an effect needs from our own origin, and waiting until it can run. */

/**
 * Fetches one of the build's own assets; an error status is an error, not a body
 * to parse. A network error is tried once more: the server closes idle
 * keep-alive sockets, and a request can meet one as it closes.
 */
export async function fetchAsset(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url).catch(() => fetch(url));
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * Resolves once `context` runs. Browsers keep a context made before the first
 * click suspended; the next click or key press resumes it.
 */
export async function whenRunning(context: AudioContext): Promise<void> {
  await context.resume().catch(() => undefined);
  if (context.state === 'running') return;
  const resume = () => void context.resume();
  const events = ['pointerdown', 'keydown'] as const;
  for (const name of events) document.addEventListener(name, resume, { capture: true });
  try {
    await new Promise<void>((resolve, reject) => {
      context.addEventListener('statechange', () => {
        if (context.state === 'running') resolve();
        else if (context.state === 'closed') reject(new Error('The audio context was closed'));
      });
    });
  } finally {
    for (const name of events) document.removeEventListener(name, resume, { capture: true });
  }
}
