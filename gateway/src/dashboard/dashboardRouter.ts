import { fileURLToPath } from "node:url";
import { Router } from "express";
import { dashboardOperations } from "./operations.ts";

/** The page's own files: plain ES modules and CSS, served as they are (no build step). */
const publicDirectory = fileURLToPath(new URL("./public/", import.meta.url));
const publicFiles = new Set([
  "index.html",
  "dashboard.css",
  "dashboard.js",
  "panels.js",
  "charts.js",
  "graph.js",
  "dom.js",
]);

/** The operations the page runs, as the ES module `panels.js` imports. */
const operationsModule = `// Generated from gateway/src/dashboard/operations.ts.
export const dashboardOperations = ${JSON.stringify(dashboardOperations, null, 2)};
`;

/**
 * Everything comes from this gateway: scripts, styles and the one connection the page
 * makes (POST /graphql). No inline script or style at all: the charts are SVG styled by
 * classes, so even an injected attribute could not run or restyle anything.
 */
export const dashboardContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The strategy dashboard at `GET /dashboard`: static files from ./public, read at each
 * request's turn by express (cached by the browser for a minute). Served whether GraphiQL
 * is on or off: it reads the graph with the viewer's own token, like any client.
 */
export function dashboardRouter(): Router {
  const router = Router();
  router.use("/dashboard", (_req, res, next) => {
    res.set("Content-Security-Policy", dashboardContentSecurityPolicy);
    res.set("X-Content-Type-Options", "nosniff");
    next();
  });
  router.get("/dashboard", (_req, res) => {
    res.sendFile("index.html", { root: publicDirectory, maxAge: 0 });
  });
  router.get("/dashboard/operations.js", (_req, res) => {
    res.type("text/javascript").send(operationsModule);
  });
  router.get("/dashboard/:file", (req, res, next) => {
    if (!publicFiles.has(req.params.file)) return next();
    res.sendFile(req.params.file, { root: publicDirectory, maxAge: "1m" });
  });
  return router;
}
