/**
 * A private PulseAudio server for tests, on its own runtime dir: one null
 * sink (the "speakers") playing a sine tone, as a film or a game would. The
 * sink's loopback (its monitor) is what Chromium's screen-share loopback
 * records on Linux; Chromium lists no monitor sources as microphones, so a
 * remap source ("Parley loopback") exposes the same signal to getUserMedia.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PULSEAUDIO = '/usr/bin/pulseaudio';
const PACTL = '/usr/bin/pactl';
const PACAT = '/usr/bin/pacat';
const SOX = '/usr/bin/sox';
/** The label Chromium shows for the sink's loopback. */
export const LOOPBACK_LABEL = 'ParleyLoopback';

/** Why the PulseAudio tests cannot run here, or undefined when they can. */
export function pulseaudioUnavailable(): string | undefined {
  const missing = [PULSEAUDIO, PACTL, PACAT, SOX].filter((path) => !existsSync(path));
  return missing.length > 0
    ? `${missing.join(', ')} missing (apt-get install -y pulseaudio pulseaudio-utils sox)`
    : undefined;
}

export class PulseTone {
  private constructor(
    /** For PULSE_SERVER: where Chromium finds this server. */
    readonly server: string,
    private readonly dir: string,
    private readonly daemon: ChildProcess,
    private readonly player: ChildProcess,
  ) {}

  /** A server whose default sink plays a `hz` sine until stop(). */
  static async start(hz: number): Promise<PulseTone> {
    const dir = mkdtempSync(join(tmpdir(), 'parley-pulse-'));
    const socket = join(dir, 'native');
    const env = { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir, PULSE_SERVER: `unix:${socket}` };
    const daemon = spawn(
      PULSEAUDIO,
      [
        '--daemonize=no',
        '-n', // no default.pa: only the modules below
        '--exit-idle-time=-1',
        '--use-pid-file=no',
        '--load=module-null-sink sink_name=speakers',
        // A silent microphone, so the tone reaches the call only through the shared screen's sound.
        '--load=module-null-sink sink_name=quiet',
        `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`,
        `--load=module-remap-source master=speakers.monitor source_name=loopback source_properties=device.description=${LOOPBACK_LABEL}`,
      ],
      { env, stdio: 'ignore' },
    );
    for (let tries = 0; spawnSync(PACTL, ['info'], { env }).status !== 0; tries++) {
      if (tries > 50 || daemon.exitCode !== null) throw new Error('pulseaudio did not start');
      await sleep(100);
    }
    spawnSync(PACTL, ['set-default-source', 'quiet.monitor'], { env });
    // sox writes a sine as raw samples; pacat plays them on the default sink.
    const player = spawn(
      'sh',
      [
        '-c',
        `${SOX} -n -t raw -r 48000 -e signed -b 16 -c 2 - synth 600 sine ${hz} vol 0.5 | ${PACAT} --rate 48000 --channels 2 --format s16le`,
      ],
      { env, stdio: 'ignore', detached: true },
    );
    return new PulseTone(env.PULSE_SERVER, dir, daemon, player);
  }

  stop(): void {
    // The shell and its pipeline (sox, pacat) are one process group.
    if (this.player.pid && this.player.exitCode === null) process.kill(-this.player.pid, 'SIGKILL');
    this.daemon.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
