/**
 * Unit project: a test (or hook) that takes more than 5 s is stuck or does too much. A test that really needs
 * longer (a property over thousands of generated cases, an in-process synthesis) says so with its own timeout
 * and a comment why.
 */
jest.setTimeout(5_000);
