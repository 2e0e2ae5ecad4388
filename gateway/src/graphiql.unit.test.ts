import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTabs, graphiqlRouter, tokenPlaceholder } from "./graphiql.ts";

let server: Server;
let origin: string;

beforeAll(async () => {
  const app = express().use(graphiqlRouter());
  server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Every `src`/`href` the page loads, in document order. */
function loadedUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? "");
}

describe("GraphiQL served by the gateway itself", () => {
  it("serves an HTML page whose scripts and styles all come from this gateway", async () => {
    const response = await fetch(`${origin}/graphiql`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const urls = loadedUrls(html);
    expect(urls).toEqual([
      "/graphiql/assets/graphiql.min.css",
      "/graphiql/assets/react.production.min.js",
      "/graphiql/assets/react-dom.production.min.js",
      "/graphiql/assets/graphiql.min.js",
      "/graphiql/assets/graphiql-boot.js",
    ]);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("tells the browser to load nothing from another origin", async () => {
    const response = await fetch(`${origin}/graphiql`);

    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
  });

  it.each([
    ["react.production.min.js", "javascript", "react.production.min.js"],
    ["react-dom.production.min.js", "javascript", "react-dom.production.min.js"],
    ["graphiql.min.js", "javascript", "GraphiQL"],
    ["graphiql.min.css", "text/css", ".graphiql-container"],
  ])("serves %s from node_modules", async (file, contentType, expectedText) => {
    const response = await fetch(`${origin}/graphiql/assets/${file}`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain(contentType);
    expect(await response.text()).toContain(expectedText);
  });

  it("boots GraphiQL on /graphql with a bearer-token header to fill in and a CSRF preflight header", async () => {
    const response = await fetch(`${origin}/graphiql/assets/graphiql-boot.js`);
    const script = await response.text();

    expect(response.headers.get("content-type")).toContain("javascript");
    expect(script).toContain('url: "/graphql"');
    expect(script).toContain('"apollo-require-preflight": "true"');
    expect(script).toContain(`Bearer ${tokenPlaceholder}`);
  });

  it("boots GraphiQL with the example operations as its tabs, each with the header to fill in", async () => {
    const script = await (await fetch(`${origin}/graphiql/assets/graphiql-boot.js`)).text();
    const tabs = defaultTabs(new Date());

    expect(script).toContain(`defaultTabs: ${JSON.stringify(tabs)}`);
    expect(tabs.map((tab) => tab.query.match(/query (\w+)/)?.[1])).toEqual([
      "StrategyDashboard",
      "PartnerNominees",
      "AnalystAggregates",
      "InstitutionAcrossServices",
    ]);
    expect(tabs.every((tab) => tab.headers.includes(`Bearer ${tokenPlaceholder}`))).toBe(true);
  });

  it("answers 404 for a file it does not serve", async () => {
    const inherited = await fetch(`${origin}/graphiql/assets/constructor`);
    const traversal = await fetch(`${origin}/graphiql/assets/..%2Fpackage.json`);

    expect(inherited.status).toBe(404);
    expect(traversal.status).toBe(404);
  });

  it("redirects / to /graphiql", async () => {
    const response = await fetch(`${origin}/`, { redirect: "manual" });

    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/graphiql");
  });
});
