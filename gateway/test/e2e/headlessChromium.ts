/**
 * The distribution's Chromium (Debian's `chromium` package, never a downloaded browser),
 * headless and driven by playwright-core, for end-to-end tests of the gateway's pages.
 * Nothing may leave loopback: Chromium's own background traffic is switched off by
 * flags, and every request a page makes to another origin is refused and recorded.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const flags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-domain-reliability",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--metrics-recording-only",
  "--safebrowsing-disable-auto-update",
];

/** Starts headless Chromium, or fails saying how to install it (the test is not skipped). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: the dashboard test runs in Debian's chromium package. ` +
        "Install it with `bash infra/install.sh --browser` (as root: apt-get install -y chromium), " +
        "or set CHROMIUM_PATH to a Chromium binary.",
    );
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: flags });
}

/**
 * A fresh browser context (its own sessionStorage) whose pages may reach `origin` only:
 * any other request is aborted and listed in `refused`, and page errors and console
 * errors (a Content-Security-Policy violation among them) are listed in `errors`.
 */
export async function sameOriginContext(browser: Browser, origin: string) {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const refused: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    refused.push(url);
    return route.abort("blockedbyclient");
  });
  context.on("page", (page) => {
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
  });
  return { context, refused, errors };
}
