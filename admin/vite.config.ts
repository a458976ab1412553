import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// No @vitejs/plugin-react: Vite 8 transforms TSX with Oxc on its own. We only pin the
// automatic JSX runtime so components never need `import React`.
export default defineConfig({
  base: '/',
  resolve: {
    // recharts flattens fragments among a chart's children with react-is, which it takes as a
    // peer: hoisted next to it is Apollo's react-is 16, which does not know React 19's
    // elements. One copy for the whole bundle: the admin's own, matching React (19).
    dedupe: ['react-is'],
  },
  oxc: {
    jsx: { runtime: 'automatic' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // react-admin + MUI are ~1.2 MB minified (~400 kB gzip) however they are cut; a back
    // office loads them once. Kept in their own chunk so a release of our code does not
    // make browsers fetch them again.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Two pages of one build: the back office and the requester portal (served by the
      // server for /portal/...). They share the vendor chunks.
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal.html', import.meta.url)),
      },
      output: {
        // React and MUI in a chunk of their own: the portal needs only these, so a phone
        // opening a personal link does not download react-admin.
        codeSplitting: {
          groups: [
            {
              name: 'vendor-ui',
              test: /node_modules[\\/](react|react-dom|scheduler|@mui|@emotion|@babel[\\/]runtime|react-is|react-transition-group|clsx|prop-types|stylis|hoist-non-react-statics|@popperjs)[\\/]/,
              // Above the lazily loaded groups below: a group takes its modules'
              // dependencies too, and React must not end up in the workflow chunk.
              priority: 5,
            },
            // The workflow pages' diagram layout (ELK, ~1.4 MB), flow view and editor load
            // only when a diagram or the editor is opened.
            // Shared by the dashboard's charts (eager) and React Flow (lazy): d3 and the store
            // hook. Kept out of the lazy group, which would otherwise take them along.
            { name: 'vendor-shared', test: /node_modules[\\/](d3-[a-z-]+|internmap|use-sync-external-store)[\\/]/, priority: 4 },
            { name: 'vendor-elk', test: /node_modules[\\/]elkjs[\\/]/, priority: 4 },
            {
              name: 'vendor-workflow',
              test: /node_modules[\\/](@xyflow|@codemirror|@uiw|@lezer|@marijn|crelt|style-mod|w3c-keyname|diff|classcat|zustand)[\\/]/,
              priority: 3,
            },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
      onwarn(warning, warn) {
        // MUI marks its modules "use client" for React Server Components; this bundle is
        // client-only, so the directive means nothing here and would print hundreds of lines.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    // In development the UI and the API live on different ports; the proxy keeps the
    // relative `/graphql` URL (used in production, where the server hosts both) working.
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true, changeOrigin: true },
    },
  },
});
