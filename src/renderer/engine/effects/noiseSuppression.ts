/**
 * Noise suppression: RNNoise (compiled to WebAssembly, from
 * @sapphi-red/web-noise-suppressor) in an AudioWorklet between the
 * microphone and a MediaStreamAudioDestinationNode, whose track is sent.
 * The worklet and the wasm are our own build's assets: nothing is downloaded.
 */
import workletUrl from '@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url';
import wasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise.wasm?url';
import simdWasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm?url';
import type { TrackProcessor } from './MediaEffects';
import { fetchAsset, whenRunning } from './assets';

/** RNNoise works on 48 kHz frames. */
const SAMPLE_RATE = 48_000;

// The smallest module using a SIMD instruction: Chromium and Firefox have had SIMD since 2021, older engines not.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
  11,
]);

/** Denoises `source`; rejects (nothing left running) if the worklet or wasm cannot load. */
export async function suppressNoise(
  source: MediaStreamTrack,
  onFailure: (error: unknown) => void,
): Promise<TrackProcessor> {
  const context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
  try {
    const wasm = WebAssembly.validate(SIMD_PROBE) ? simdWasmUrl : wasmUrl;
    // Loaded on first use: its classes extend AudioWorkletNode, which insecure pages and Node lack.
    const [{ RnnoiseWorkletNode }, wasmBinary] = await Promise.all([
      import('@sapphi-red/web-noise-suppressor'),
      fetchAsset(wasm),
      context.audioWorklet.addModule(workletUrl),
    ]);
    if (!WebAssembly.validate(wasmBinary)) throw new Error(`${wasm} is not WebAssembly`);
    const input = context.createMediaStreamSource(new MediaStream([source]));
    const denoiser = new RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary });
    // One channel in and out: a stereo microphone is mixed down first, or its second channel would pass unprocessed.
    denoiser.channelCount = 1;
    denoiser.channelCountMode = 'explicit';
    const output = context.createMediaStreamDestination();
    output.channelCount = 1;
    // A processor that throws outputs silence from then on: the caller falls back to the source.
    denoiser.addEventListener('processorerror', () => onFailure(new Error('The RNNoise worklet failed')));
    input.connect(denoiser).connect(output);
    // A context made before any click may be held suspended (autoplay rules): it would send silence.
    await whenRunning(context);
    const [track] = output.stream.getAudioTracks();
    if (!track) throw new Error('The audio graph gave no track');
    return {
      track,
      stop() {
        track.stop();
        input.disconnect();
        denoiser.destroy();
        void context.close();
      },
    };
  } catch (error) {
    void context.close();
    throw error;
  }
}
