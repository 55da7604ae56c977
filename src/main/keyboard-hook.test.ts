/**
 * The hook-driven push-to-talk against a real X server: xdotool presses keys
 * through XTEST as a keyboard would, libuiohook sees them through XRecord,
 * and the mic commands follow. Runs under `xvfb-run` (CI) or starts its own
 * Xvfb; skips, saying why, without xdotool, Xvfb or a loadable hook.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { CallCommand } from '../shared/ipc';
import { parseAccelerator } from './accelerator';
import { ChordWatcher, hookKeycode, startKeyboardHook, type KeyboardHook } from './keyboard-hook';
import { PushToTalk, RELEASE_TAIL_MS } from './push-to-talk';

const XDOTOOL = '/usr/bin/xdotool';
const XVFB = '/usr/bin/Xvfb';
const missing =
  process.platform !== 'linux'
    ? 'it drives an X server (Linux)'
    : !existsSync(XDOTOOL)
      ? 'xdotool is not installed (apt-get install -y xdotool)'
      : !process.env.DISPLAY && !existsSync(XVFB)
        ? 'there is no X display and no Xvfb to start one'
        : null;
if (missing) console.log(`Keyboard hook test skipped: ${missing}`);

let xvfb: ChildProcess | undefined;
let display = process.env.DISPLAY ?? '';
let hook: KeyboardHook | undefined;
let hookError = '';
let listener: Parameters<typeof startKeyboardHook>[0] = () => undefined;

/** Starts Xvfb on a free display number, which it writes to the given fd once it accepts clients. */
async function startXvfb(): Promise<string> {
  const server = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '640x480x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  xvfb = server;
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    server.stdio[3]!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    server.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return `:${number}`;
}

const xdotool = (...args: string[]) => {
  const result = spawnSync(XDOTOOL, args, { env: { ...process.env, DISPLAY: display } });
  if (result.status !== 0) throw new Error(`xdotool ${args.join(' ')}: ${result.stderr.toString()}`);
};

beforeAll(async () => {
  if (missing) return;
  if (!display) display = await startXvfb();
  // libuiohook opens the display named in DISPLAY when it starts.
  process.env.DISPLAY = display;
  try {
    hook = await startKeyboardHook((event) => listener(event));
  } catch (error) {
    hookError = error instanceof Error ? error.message : String(error);
    console.log(`Keyboard hook test skipped: the hook cannot start here (${hookError})`);
  }
});

afterAll(() => hook?.stop());
// libuiohook keeps a display connection after stop, and Xlib exits the process when it breaks: end Xvfb last.
process.once('exit', () => xvfb?.kill());

/** Push-to-talk on `accelerator`, fed by the hook; records each mic command with the time it came. */
function holdOn(accelerator: string, context: TestContext) {
  if (!hook) return context.skip(`the hook cannot start here (${hookError})`);
  const commands: { command: CallCommand; at: number }[] = [];
  const ptt = new PushToTalk((command) => commands.push({ command, at: Date.now() }));
  const watcher = new ChordWatcher(parseAccelerator(accelerator, 'linux')!, hook!.keys, ptt);
  listener = (event) => watcher.onKey(event);
  const mutedStates = () => commands.map(({ command }) => command.type === 'set-mic-muted' && command.muted);
  return { ptt, commands, mutedStates };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.skipIf(missing !== null)('push-to-talk through the OS keyboard hook (X11)', () => {
  it('knows every key the settings can record', (context) => {
    if (!hook) return context.skip(`the hook cannot start here (${hookError})`);
    for (const key of ['m', '0', 'f8', 'f24', 'num5', 'space', 'up', 'pagedown', 'delete'])
      expect(hookKeycode(key, hook.keys), key).not.toBeNull();
    expect(hookKeycode('hyper', hook.keys)).toBeNull();
  });

  it('keeps the mic open while the key is held for seconds, and closes it after the tail on release', async (context) => {
    const { ptt, commands, mutedStates } = holdOn('F8', context);
    xdotool('keydown', 'F8');
    await until(() => ptt.isTalking, 'the press');
    await sleep(2_000);
    expect(mutedStates()).toEqual([false]);
    xdotool('keyup', 'F8');
    const releasedAt = Date.now();
    await until(() => !ptt.isTalking, 'the mute after release');
    expect(mutedStates()).toEqual([false, true]);
    // The tail: the mute comes no sooner than the tail after the key came up.
    expect(commands[1]!.at - releasedAt).toBeGreaterThanOrEqual(RELEASE_TAIL_MS - 20);
  });

  it('opens and closes the mic for a quick tap, and ignores other keys', async (context) => {
    const { ptt, mutedStates } = holdOn('F8', context);
    xdotool('key', 'F7');
    xdotool('key', 'F8');
    await until(() => mutedStates().length === 2, 'the tap to open and close the mic');
    expect(mutedStates()).toEqual([false, true]);
    expect(ptt.isTalking).toBe(false);
  });

  it('holds a chord with modifiers, and letting go of a modifier first ends the hold', async (context) => {
    const { ptt, mutedStates } = holdOn('Control+Shift+Space', context);
    xdotool('keydown', 'space'); // without its modifiers: not the chord
    xdotool('keyup', 'space');
    await sleep(300);
    expect(mutedStates()).toEqual([]);
    xdotool('keydown', 'ctrl+shift+space');
    await until(() => ptt.isTalking, 'the chord');
    xdotool('keyup', 'shift');
    await until(() => !ptt.isTalking, 'the mute after Shift came up');
    xdotool('keyup', 'ctrl+space');
    expect(mutedStates()).toEqual([false, true]);
  });
});
