/**
 * Vitest setup file of the integration and e2e projects: every test file runs with the loopback
 * guard, and fails if the code under test tried to reach any address outside loopback.
 */
import { afterAll, expect } from "vitest";
import { installLoopbackGuard } from "./loopback-guard.ts";

const guard = installLoopbackGuard();

afterAll(() => {
  expect(guard.attempts, "connections attempted outside loopback").toEqual([]);
});
