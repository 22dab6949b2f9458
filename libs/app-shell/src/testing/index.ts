// Test helpers shared by both apps' component tests (kept out of the main entry so no test
// library reaches a production bundle).
export * from './fake-fetch';
export * from './render-app';
