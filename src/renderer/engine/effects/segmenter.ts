/**
 * Person segmentation with MediaPipe's selfie segmentation (landscape model),
 * from @mediapipe/selfie_segmentation, which ships the model and its wasm.
 * That package is a classic script that installs `window.SelfieSegmentation`
 * and loads its other files by name: each name maps to our build's copy, so
 * nothing is fetched from anywhere else. It needs a page (it writes to
 * `window`), so it runs on the main thread; CPU inference, since WebGL
 * inference is slower than XNNPACK where there is no real GPU.
 */
import solutionUrl from '@mediapipe/selfie_segmentation/selfie_segmentation.js?url&no-inline';
import graphUrl from '@mediapipe/selfie_segmentation/selfie_segmentation.binarypb?url&no-inline';
import modelUrl from '@mediapipe/selfie_segmentation/selfie_segmentation_landscape.tflite?url&no-inline';
import simdLoaderUrl from '@mediapipe/selfie_segmentation/selfie_segmentation_solution_simd_wasm_bin.js?url&no-inline';
import simdWasmUrl from '@mediapipe/selfie_segmentation/selfie_segmentation_solution_simd_wasm_bin.wasm?url&no-inline';
import loaderUrl from '@mediapipe/selfie_segmentation/selfie_segmentation_solution_wasm_bin.js?url&no-inline';
import wasmUrl from '@mediapipe/selfie_segmentation/selfie_segmentation_solution_wasm_bin.wasm?url&no-inline';

const FILES: Record<string, string> = {
  'selfie_segmentation.binarypb': graphUrl,
  'selfie_segmentation_landscape.tflite': modelUrl,
  'selfie_segmentation_solution_simd_wasm_bin.js': simdLoaderUrl,
  'selfie_segmentation_solution_simd_wasm_bin.wasm': simdWasmUrl,
  'selfie_segmentation_solution_wasm_bin.js': loaderUrl,
  'selfie_segmentation_solution_wasm_bin.wasm': wasmUrl,
};

/** The part of the package's API we use (its own index.d.ts types inputs as DOM elements only). */
interface SelfieSegmentation {
  setOptions(options: { modelSelection: 0 | 1; selfieMode: boolean; useCpuInference: boolean }): void;
  onResults(listener: (results: { segmentationMask: CanvasImageSource }) => void): void;
  initialize(): Promise<void>;
  send(inputs: { image: HTMLCanvasElement }): Promise<void>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    SelfieSegmentation?: new (config: { locateFile(file: string): string }) => SelfieSegmentation;
  }
}

export interface Segmenter {
  /** The person's mask for `image`: opaque where the model sees a person, transparent elsewhere. */
  segment(image: HTMLCanvasElement): Promise<CanvasImageSource>;
  close(): void;
}

let scriptLoaded: Promise<void> | null = null;

/** Loads the package's script once per page. */
function loadSolution(): Promise<void> {
  scriptLoaded ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = solutionUrl;
    script.onload = () => resolve();
    script.onerror = () => {
      scriptLoaded = null;
      script.remove();
      reject(new Error(`${solutionUrl} did not load`));
    };
    document.head.append(script);
  });
  return scriptLoaded;
}

export async function createSegmenter(): Promise<Segmenter> {
  await loadSolution();
  const Solution = window.SelfieSegmentation;
  if (!Solution) throw new Error('MediaPipe selfie segmentation did not start');
  const solution = new Solution({
    locateFile: (file) => {
      const url = FILES[file];
      if (!url) throw new Error(`MediaPipe asked for ${file}, which Parley does not ship`);
      return url;
    },
  });
  solution.setOptions({ modelSelection: 1, selfieMode: false, useCpuInference: true });
  let latest: CanvasImageSource | null = null;
  solution.onResults((results) => {
    latest = results.segmentationMask;
  });
  await solution.initialize();
  return {
    async segment(image) {
      await solution.send({ image });
      if (!latest) throw new Error('MediaPipe gave no mask');
      return latest;
    },
    close: () => void solution.close(),
  };
}
