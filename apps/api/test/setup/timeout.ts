// e2e tests start apps, clone databases and wait for recovery: 5 s (jest's default) is too short
// on a loaded 2-core machine. (testTimeout in a jest *project* is not honoured; this is.)
jest.setTimeout(30_000);
