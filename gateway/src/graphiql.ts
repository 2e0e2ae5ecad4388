import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Router } from "express";
import { graphiqlExamples } from "./graphiqlExamples.ts";

const require = createRequire(import.meta.url);

/** Those packages export no subpaths, so their files are found beside their package.json. */
function packageFile(packageName: string, file: string): string {
  return join(dirname(require.resolve(`${packageName}/package.json`)), file);
}

/** The headers GraphiQL starts with: the user replaces the placeholder with a real token. */
export const tokenPlaceholder = "<paste a token from npm run token -- --role ANALYST>";

const assetsPath = "/graphiql/assets";

const vendorAssets = new Map([
  ["react.production.min.js", packageFile("react", "umd/react.production.min.js")],
  ["react-dom.production.min.js", packageFile("react-dom", "umd/react-dom.production.min.js")],
  ["graphiql.min.js", packageFile("graphiql", "graphiql.min.js")],
  ["graphiql.min.css", packageFile("graphiql", "graphiql.min.css")],
]);

/** The Authorization header each tab starts with, as GraphiQL's headers editor shows it. */
const placeholderHeaders = JSON.stringify({ Authorization: `Bearer ${tokenPlaceholder}` }, null, 2);

/** GraphiQL's tabs: the example operations, each with its variables and the header to fill in. */
export function defaultTabs(today: Date): { query: string; variables?: string; headers: string }[] {
  return graphiqlExamples(today).map((example) => ({
    query: example.query,
    ...(example.variables ? { variables: JSON.stringify(example.variables, null, 2) } : {}),
    headers: placeholderHeaders,
  }));
}

// Runs in the browser. A header still holding the placeholder is dropped so the
// schema loads (anonymously) before the user has pasted a token.
function bootScript(today: Date): string {
  return `"use strict";
(function () {
  var placeholder = ${JSON.stringify(tokenPlaceholder)};
  var send = GraphiQL.createFetcher({ url: "/graphql", headers: { "apollo-require-preflight": "true" } });
  function fetcher(params, options) {
    var headers = {};
    var given = (options && options.headers) || {};
    Object.keys(given).forEach(function (name) {
      if (String(given[name]).indexOf(placeholder) === -1) headers[name] = given[name];
    });
    return send(params, Object.assign({}, options, { headers: headers }));
  }
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: ${JSON.stringify(defaultTabs(today))},
      defaultHeaders: ${JSON.stringify(placeholderHeaders)},
      defaultEditorToolsVisibility: "headers",
      shouldPersistHeaders: true
    })
  );
})();
`;
}

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GraphiQL · International relations graph</title>
    <link rel="stylesheet" href="${assetsPath}/graphiql.min.css" />
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${assetsPath}/react.production.min.js"></script>
    <script src="${assetsPath}/react-dom.production.min.js"></script>
    <script src="${assetsPath}/graphiql.min.js"></script>
    <script src="${assetsPath}/graphiql-boot.js"></script>
  </body>
</html>
`;

/**
 * The browser may talk to this gateway only: every script, style and request
 * stays on this origin, so GraphiQL works with no internet and nothing is pulled
 * from a CDN. Inline styles are allowed because GraphiQL's editors set them.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Serves GraphiQL at `GET /graphiql` from the project's own node_modules, and redirects `GET /` there. */
export function graphiqlRouter(): Router {
  const router = Router();
  router.get("/", (_req, res) => res.redirect(302, "/graphiql"));
  // Browsers ask for it on every page; answer without a 404 in their console.
  router.get("/favicon.ico", (_req, res) => {
    res.status(204).end();
  });
  router.get("/graphiql", (_req, res) => {
    res.set("Content-Security-Policy", contentSecurityPolicy).type("html").send(page);
  });
  router.get(`${assetsPath}/graphiql-boot.js`, (_req, res) => {
    res.type("text/javascript").send(bootScript(new Date()));
  });
  router.get(`${assetsPath}/:file`, (req, res, next) => {
    const path = vendorAssets.get(req.params.file);
    if (!path) return next();
    res.sendFile(path, { maxAge: "1d" });
  });
  return router;
}

const disabledPage = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>GraphiQL is off</title></head>
  <body>
    <p>GraphiQL is turned off on this gateway (GRAPHIQL=false, the production default).</p>
    <p>Send queries to <code>/graphql</code>; introspection there needs an ANALYST or ADMIN token.</p>
  </body>
</html>
`;

/** Where GraphiQL is off (production): `/graphiql` answers 404 with a page saying so, and `/` too. */
export function graphiqlDisabledRouter(): Router {
  const router = Router();
  router.get(["/", "/graphiql", "/graphiql/*rest"], (_req, res) => {
    res.status(404).set("Content-Security-Policy", "default-src 'none'").type("html").send(disabledPage);
  });
  return router;
}
