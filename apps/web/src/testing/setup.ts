import '@bc/app-shell/testing/setup';
