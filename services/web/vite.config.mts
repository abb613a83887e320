import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

// The gateway URL is not baked in: public/config.json (or ?gateway=) is read at start-up, so one build
// serves the demo, the e2e platform on its own port and a cluster.
export default defineConfig({
  root: here,
  plugins: [react()],
  // The one lib the client bundles: a file without imports (tsconfig.json maps the same path for the type check).
  resolve: { alias: { '@seg/contracts/roles': join(here, '..', '..', 'libs', 'contracts', 'src', 'roles.ts') } },
  build: { outDir: join(here, '..', '..', 'dist', 'services', 'web'), emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1', port: 8080, strictPort: true },
  preview: { host: '127.0.0.1', port: 8080, strictPort: true },
});
