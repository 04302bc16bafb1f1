/**
 * End-to-end project: child processes (the local runtime, the logs CLI, Chromium) start in seconds but a
 * 2-core machine shared with other runs can make that 3-5x slower; 15 s covers one such step. Hooks that wait
 * for a whole runtime to come up, or for the run's shared synthesis, set their own longer timeout and say why.
 */
jest.setTimeout(15_000);
