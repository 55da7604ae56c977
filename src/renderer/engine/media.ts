/**
 * Local media: the one camera + microphone stream every link shares, the
 * device list, device switching (a new track swapped in, never a
 * renegotiation), audio processing, effects, quality presets and the screen
 * capture. Acquired in the lobby and kept warm: the preview stream IS the call
 * stream. With an effect on, the stream holds the processed track (effects/).
 */
import { Emitter } from './emitter';
import { effectError, mediaError, ParleyError } from './errors';
import { EFFECT_OF_KIND, MediaEffects, type EffectSettings } from './effects/MediaEffects';
import type { VideoSendParameters } from './PeerLink';
import { FULL_CAPTURE, type CaptureSize } from './quality';

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

export interface DeviceInfo {
  deviceId: string;
  kind: DeviceKind;
  label: string;
}

export type SelectedDevices = Record<DeviceKind, string | null>;

export interface AudioProcessing {
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

export type QualityPreset = 'low' | 'medium' | 'high';

/** Send caps per preset, relative to the full 1280x720 camera; scaled down on the encoder. */
export const QUALITY_PRESETS: Record<QualityPreset, VideoSendParameters> = {
  low: { maxBitrate: 300_000, maxFramerate: 15, scaleResolutionDownBy: 2 },
  medium: { maxBitrate: 1_000_000, maxFramerate: 24, scaleResolutionDownBy: 1 },
  high: { maxBitrate: 2_500_000, maxFramerate: 30, scaleResolutionDownBy: 1 },
};

export interface LocalMediaEvents {
  devices: DeviceInfo[];
  /** The camera/mic tracks changed (acquired, switched, released). */
  tracks: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null };
  /** The screen capture started or stopped (also when the browser's own stop button is used). */
  screen: MediaStreamTrack | null;
  /** Any other change to the snapshot (selection, processing, preset, errors). */
  change: undefined;
  /** An effect could not start or stopped working: the plain track is sent instead. */
  effectFailed: ParleyError;
}

/** Which of camera and microphone to open. */
export interface MediaKinds {
  audio: boolean;
  video: boolean;
}

const BOTH: MediaKinds = { audio: true, video: true };

/**
 * The screen's sound, untouched: noise suppression, gain control and the echo
 * canceller would flatten music (and the canceller does not take Parley's own
 * playback out of a loopback: measured in Chromium over PulseAudio).
 * `restrictOwnAudio` asks browsers that can to leave this page's own output
 * out at the source; Electron's loopback cannot, and the picker says so.
 */
const SCREEN_AUDIO = {
  echoCancellation: false,
  noiseSuppression: false,
  autoGainControl: false,
  restrictOwnAudio: true,
  suppressLocalAudioPlayback: false,
};

/** Screen Capture's `systemAudio` hint (Chromium offers the whole system's sound, not just a tab's). */
interface DisplayMediaOptions extends DisplayMediaStreamOptions {
  systemAudio: 'include' | 'exclude';
}
const DISPLAY_MEDIA: DisplayMediaOptions = {
  video: { frameRate: { ideal: 15 } },
  audio: SCREEN_AUDIO,
  systemAudio: 'include',
};

export class LocalMedia extends Emitter<LocalMediaEvents> {
  /** The shared local stream; tracks are swapped in place on device switches. */
  readonly stream = new MediaStream();
  devices: DeviceInfo[] = [];
  selected: SelectedDevices = { audioinput: null, videoinput: null, audiooutput: null };
  processing: AudioProcessing = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  preset: QualityPreset = 'high';
  micMuted = false;
  cameraOff = false;
  screenTrack: MediaStreamTrack | null = null;
  /** The shared screen's sound, when the user chose to share it (set before 'screen' is emitted). */
  screenAudioTrack: MediaStreamTrack | null = null;
  /** Why camera or mic is missing, if one is. */
  error: ParleyError | null = null;
  private acquiring: Promise<void> | null = null;
  private captureSize: CaptureSize = FULL_CAPTURE;
  /** Bumped on every effect change per kind, so a slow start that was overtaken is undone. */
  private readonly effectRuns = { audio: 0, video: 0 };
  private readonly onDeviceChange = () => void this.refreshDevices();

  constructor(
    private readonly mediaDevices: MediaDevices = navigator.mediaDevices,
    readonly effects: MediaEffects = new MediaEffects(),
  ) {
    super();
    mediaDevices.addEventListener('devicechange', this.onDeviceChange);
  }

  get audioTrack(): MediaStreamTrack | null {
    return this.stream.getAudioTracks()[0] ?? null;
  }

  get videoTrack(): MediaStreamTrack | null {
    return this.stream.getVideoTracks()[0] ?? null;
  }

  /**
   * Opens camera and mic (or the `wanted` ones; a camera not wanted is closed). If they cannot
   * be had, takes what is allowed (mic only, camera only, or nothing: receive only) and records
   * why in `error`.
   */
  async acquire(wanted: MediaKinds = BOTH): Promise<void> {
    // One getUserMedia at a time: a second ask waits for the first, then opens what is still missing.
    while (this.acquiring) await this.acquiring;
    this.acquiring = this.open(wanted).finally(() => {
      this.acquiring = null;
    });
    return this.acquiring;
  }

  /** Lists devices; labels are empty until a permission was granted. */
  async refreshDevices(): Promise<DeviceInfo[]> {
    const all = await this.mediaDevices.enumerateDevices();
    this.devices = all
      .filter((d) => d.deviceId !== '')
      .map((d) => ({ deviceId: d.deviceId, kind: d.kind, label: d.label }));
    this.emit('devices', this.devices);
    return this.devices;
  }

  /** Switches a device live: inputs get a new track (links swap it in), the output is applied by media elements. */
  async selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    this.selected = { ...this.selected, [kind]: deviceId };
    if (kind === 'audiooutput') {
      this.emit('change', undefined);
      return;
    }
    await this.reopen(kind === 'audioinput' ? 'audio' : 'video');
  }

  /** Turns echo cancellation, noise suppression and auto gain on or off (reopens the mic). */
  async setAudioProcessing(processing: Partial<AudioProcessing>): Promise<void> {
    this.processing = { ...this.processing, ...processing };
    if (this.audioTrack) await this.reopen('audio');
    else this.emit('change', undefined);
  }

  get effectSettings(): EffectSettings {
    return this.effects.settings;
  }

  /** Turns noise suppression or background blur on or off: the processed track is swapped in, or the plain one back. */
  async setEffects(change: Partial<EffectSettings>): Promise<void> {
    this.effects.settings = { ...this.effects.settings, ...change };
    this.emit('change', undefined);
    await Promise.all([this.applyEffect('audio'), this.applyEffect('video')]);
  }

  setPreset(preset: QualityPreset): void {
    this.preset = preset;
    this.emit('change', undefined);
  }

  setMicMuted(muted: boolean): void {
    this.micMuted = muted;
    if (this.audioTrack) this.setEnabled(this.audioTrack, !muted);
    this.emit('change', undefined);
  }

  setCameraOff(off: boolean): void {
    this.cameraOff = off;
    if (this.videoTrack) this.setEnabled(this.videoTrack, !off);
    this.emit('change', undefined);
  }

  /** Asks the user for a screen or window (Electron answers with Parley's own picker). */
  async startScreenShare(): Promise<MediaStreamTrack> {
    if (this.screenTrack) return this.screenTrack;
    let stream: MediaStream;
    try {
      stream = await this.mediaDevices.getDisplayMedia(DISPLAY_MEDIA);
    } catch (error) {
      throw mediaError(error, 'screen');
    }
    const [track] = stream.getVideoTracks();
    if (!track) throw new ParleyError('no_device', 'No screen track was given');
    track.contentHint = 'detail';
    // The browser's own "Stop sharing" button ends the track.
    track.addEventListener('ended', () => this.stopScreenShare());
    this.screenTrack = track;
    this.screenAudioTrack = stream.getAudioTracks()[0] ?? null;
    this.emit('screen', track);
    return track;
  }

  stopScreenShare(): void {
    if (!this.screenTrack) return;
    this.screenTrack.stop();
    this.screenTrack = null;
    this.screenAudioTrack?.stop();
    this.screenAudioTrack = null;
    this.emit('screen', null);
  }

  /**
   * Captures the camera at `size` from now on; a live camera track is changed in place (no new
   * track, so no link notices). True when the size changed.
   */
  async setCaptureSize(size: CaptureSize): Promise<boolean> {
    const current = this.captureSize;
    if (
      size.width === current.width &&
      size.height === current.height &&
      size.frameRate === current.frameRate
    )
      return false;
    this.captureSize = size;
    // The camera itself: with blur on, the stream holds the generated track instead.
    const track = this.sourceTrack('video');
    if (track?.readyState === 'live') {
      await track.applyConstraints(this.videoConstraints()).catch((error: unknown) => {
        console.warn('[parley] the camera keeps its size', error);
      });
    }
    return true;
  }

  /** Stops every local track (camera light off); `acquire()` opens them again, at full size. */
  release(): void {
    this.captureSize = FULL_CAPTURE;
    this.stopScreenShare();
    // drop(): a processed track's camera or microphone stops with it.
    for (const track of this.stream.getTracks()) this.drop(track);
    this.emitTracks();
  }

  dispose(): void {
    this.release();
    this.mediaDevices.removeEventListener('devicechange', this.onDeviceChange);
    this.removeAllListeners();
  }

  private async open(wanted: MediaKinds): Promise<void> {
    const video = this.videoTrack;
    if (!wanted.video && video) this.drop(video);
    const missing = (['audio', 'video'] as const).filter(
      (kind) => wanted[kind] && this.sourceTrack(kind)?.readyState !== 'live',
    );
    if (missing.length === 0) {
      if (!wanted.video && video) this.emitTracks();
      return;
    }
    this.error = null;
    try {
      const stream = await this.mediaDevices.getUserMedia({
        audio: missing.includes('audio') && this.audioConstraints(),
        video: missing.includes('video') && this.videoConstraints(),
      });
      for (const track of stream.getTracks()) this.adopt(track);
    } catch (all) {
      this.error = mediaError(all);
      // Take whatever is allowed on its own: the call can still go on with less.
      if (missing.length > 1) {
        for (const kind of missing) {
          try {
            await this.openOne(kind);
          } catch {
            // The first error already says why; keep it.
          }
        }
      }
    }
    this.emitTracks();
    await this.refreshDevices();
  }

  private async openOne(kind: 'audio' | 'video'): Promise<MediaStreamTrack> {
    const stream = await this.mediaDevices.getUserMedia(
      kind === 'audio' ? { audio: this.audioConstraints() } : { video: this.videoConstraints() },
    );
    const [track] = stream.getTracks();
    if (!track) throw new ParleyError('no_device', `No ${kind} track was given`);
    this.adopt(track);
    return track;
  }

  /** Replaces the audio or video track with one from the selected device and settings. */
  private async reopen(kind: 'audio' | 'video'): Promise<void> {
    const old = kind === 'audio' ? this.audioTrack : this.videoTrack;
    try {
      await this.openOne(kind); // adopts the new track, stops the old one
    } catch (error) {
      const reason = mediaError(error);
      // A device that allows one opener at a time: free it and try once more.
      if (!old || reason.code !== 'device_busy') throw reason;
      this.drop(old);
      try {
        await this.openOne(kind);
      } catch (retry) {
        throw mediaError(retry);
      }
    }
    this.emitTracks();
    await this.refreshDevices();
  }

  private adopt(track: MediaStreamTrack): void {
    for (const existing of this.stream.getTracks()) {
      if (existing.kind === track.kind) this.drop(existing);
    }
    track.enabled = track.kind === 'audio' ? !this.micMuted : !this.cameraOff;
    this.stream.addTrack(track);
    const deviceId = track.getSettings().deviceId ?? null;
    if (track.kind === 'audio') this.selected = { ...this.selected, audioinput: deviceId };
    else this.selected = { ...this.selected, videoinput: deviceId };
    // The plain track is sent at once; the processed one replaces it when it is ready.
    void this.applyEffect(track.kind === 'audio' ? 'audio' : 'video');
  }

  /** Stops a track in the stream, and the source and processor behind it when it is processed. */
  private drop(track: MediaStreamTrack): void {
    const source = this.effects.sourceOf(track);
    this.effects.stop(track);
    track.stop();
    source.stop();
    this.stream.removeTrack(track);
  }

  /** The camera or microphone track, processed or not. */
  private sourceTrack(kind: 'audio' | 'video'): MediaStreamTrack | null {
    const track = kind === 'audio' ? this.audioTrack : this.videoTrack;
    return track && this.effects.sourceOf(track);
  }

  /** Mutes the sent track and its source alike (the camera light goes off with the camera). */
  private setEnabled(track: MediaStreamTrack, enabled: boolean): void {
    track.enabled = enabled;
    this.effects.sourceOf(track).enabled = enabled;
  }

  /** Puts the processed or the plain track of `kind` in the stream, as the effect settings say. */
  private async applyEffect(kind: 'audio' | 'video'): Promise<void> {
    const run = ++this.effectRuns[kind];
    const current = kind === 'audio' ? this.audioTrack : this.videoTrack;
    if (!current) return;
    const source = this.effects.sourceOf(current);
    const wanted = this.effects.wants(kind);
    if (wanted === this.effects.isProcessed(current)) return;
    let next = source;
    if (wanted) {
      try {
        next = await this.effects.start(source, (error) => this.effectFailed(kind, next, error));
      } catch (error) {
        if (run === this.effectRuns[kind]) this.effectFailed(kind, null, error);
        return;
      }
      // Overtaken while it loaded: the effect was switched off or the device changed.
      if (run !== this.effectRuns[kind] || this.sourceTrack(kind) !== source) {
        this.effects.stop(next);
        return;
      }
    }
    const latest = kind === 'audio' ? this.audioTrack : this.videoTrack;
    if (latest) {
      this.stream.removeTrack(latest);
      if (latest !== source) this.effects.stop(latest);
    }
    next.enabled = kind === 'audio' ? !this.micMuted : !this.cameraOff;
    this.stream.addTrack(next);
    this.emitTracks();
  }

  /** An effect that cannot run is switched off and the plain track sent: never silence or black. */
  private effectFailed(kind: 'audio' | 'video', processed: MediaStreamTrack | null, error: unknown): void {
    const effect = EFFECT_OF_KIND[kind];
    console.warn(`[parley] ${effect} failed, sending the plain track:`, error);
    this.effects.settings = { ...this.effects.settings, [effect]: false };
    this.emit('effectFailed', effectError(effect, error));
    const current = kind === 'audio' ? this.audioTrack : this.videoTrack;
    if (processed && current === processed) void this.applyEffect(kind);
    else this.emit('change', undefined);
  }

  private audioConstraints(): MediaTrackConstraints {
    const id = this.selected.audioinput;
    return { ...this.processing, ...(id ? { deviceId: { exact: id } } : {}) };
  }

  private videoConstraints(): MediaTrackConstraints {
    const id = this.selected.videoinput;
    const { width, height, frameRate } = this.captureSize;
    return {
      width: { ideal: width },
      height: { ideal: height },
      frameRate: { ideal: frameRate },
      ...(id ? { deviceId: { exact: id } } : {}),
    };
  }

  private emitTracks(): void {
    this.emit('tracks', { audio: this.audioTrack, video: this.videoTrack });
    this.emit('change', undefined);
  }
}
