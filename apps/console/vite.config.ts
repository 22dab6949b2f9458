import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The API lives on another port in development; proxying /api keeps calls (and the HttpOnly
// refresh cookie) same-origin, so the app never needs CORS.
const apiProxy = {
  // '/api/' with the slash: '/api' would also catch the app's own /api-keys page on a reload.
  '/api/': {
    target: process.env.API_URL ?? 'http://localhost:3000',
    changeOrigin: false,
    xfwd: true,
  },
};

// The port comes from the package scripts (`vite --port 5173 --strictPort`).
export default defineConfig({
  plugins: [react()],
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/__tests__/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
