import dns from "node:dns";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { installLoopbackGuard, isLoopbackHost } from "./loopback-guard.ts";
import type { LoopbackGuard } from "./loopback-guard.ts";

describe("the loopback guard", () => {
  let guard: LoopbackGuard | undefined;
  afterEach(() => guard?.uninstall());

  it("tells loopback names and addresses from the rest", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", undefined])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["10.0.0.1", "192.168.1.1", "example.org", "2001:db8::1", "0.0.0.0"])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it("refuses and records a TCP connection to another host", async () => {
    guard = installLoopbackGuard();
    const socket = net.connect({ host: "192.0.2.10", port: 443 });
    const error = await new Promise<Error>((resolve) => socket.once("error", resolve));
    expect(error.message).toMatch(/outbound connection to 192\.0\.2\.10:443 refused/);
    expect(guard.attempts).toEqual(["192.0.2.10:443"]);
  });

  it("refuses and records fetch and DNS lookups of other hosts", async () => {
    guard = installLoopbackGuard();
    await expect(fetch("http://example.org/", { signal: AbortSignal.timeout(5000) })).rejects.toThrow();
    await expect(dns.promises.lookup("example.net")).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(guard.attempts).toEqual(["example.org:80", "dns:example.net"]);
  });

  it("lets loopback connections through", async () => {
    guard = installLoopbackGuard();
    const server = net.createServer((socket) => socket.end("hello"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: "127.0.0.1", port });
      let text = "";
      socket.on("data", (chunk) => (text += String(chunk)));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(answer).toBe("hello");
    expect(guard.attempts).toEqual([]);
  });
});
