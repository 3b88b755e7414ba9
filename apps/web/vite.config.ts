import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // In development the API runs on :3000; the built app is served by the API itself.
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  // No source maps: anyone may fetch the built files, and the sources need not go with them.
  // The manifest lets scripts/report-bundle-size.ts measure what each page loads first.
  build: { outDir: "dist", sourcemap: false, manifest: true },
});
