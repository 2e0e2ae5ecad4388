import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardRouter } from "./dashboardRouter.ts";
import { dashboardOperations } from "./operations.ts";

let server: Server;
let origin: string;

beforeAll(async () => {
  const app = express().use(dashboardRouter());
  server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string) => fetch(`${origin}${path}`);

/** Every module a script imports (`from "./x.js"`), as a /dashboard path. */
function importsOf(script: string): string[] {
  return [...script.matchAll(/from "\.\/([\w.-]+)"/g)].map((match) => `/dashboard/${match[1]}`);
}

describe("the strategy dashboard served by the gateway", () => {
  it("serves its page under a policy that lets it reach this origin only, with no inline script or style", async () => {
    const response = await get("/dashboard");
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/style-src 'self'(;|$)/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it("serves every file the page and its modules load, each with its type", async () => {
    const html = await (await get("/dashboard")).text();
    const pending = [...html.matchAll(/\s(?:src|href)="(\/dashboard\/[^"]+)"/g)].map(
      (match) => match[1] ?? "",
    );
    const served = new Map<string, string>();
    while (pending.length > 0) {
      const path = pending.pop() ?? "";
      if (served.has(path)) continue;
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const type = response.headers.get("content-type") ?? "";
      served.set(path, type);
      if (path.endsWith(".js")) {
        expect(type, path).toContain("javascript");
        pending.push(...importsOf(await response.text()));
      }
    }

    expect([...served.keys()].sort()).toEqual([
      "/dashboard/charts.js",
      "/dashboard/dashboard.css",
      "/dashboard/dashboard.js",
      "/dashboard/dom.js",
      "/dashboard/graph.js",
      "/dashboard/operations.js",
      "/dashboard/panels.js",
    ]);
    expect(served.get("/dashboard/dashboard.css")).toContain("text/css");
  });

  it("gives the page the operations the unit tests validate", async () => {
    const module = await (await get("/dashboard/operations.js")).text();
    const served = JSON.parse(module.slice(module.indexOf("{"), module.lastIndexOf("}") + 1));

    expect(served).toEqual(dashboardOperations);
  });

  it("answers 404 for a file it does not serve", async () => {
    expect((await get("/dashboard/operations.ts")).status).toBe(404);
    expect((await get("/dashboard/..%2FdashboardRouter.ts")).status).toBe(404);
    expect((await get("/dashboard/constructor")).status).toBe(404);
  });
});
