import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The standalone signaling server: plain Node, dependencies left external.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/server',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { cli: resolve('src/server/cli.ts') },
      output: { format: 'es', entryFileNames: '[name].js', banner: '#!/usr/bin/env node' },
    },
  },
});
