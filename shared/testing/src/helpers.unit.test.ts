import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { expectEventually, freePort, freePorts, freshMongoUri, uniqueName } from "./helpers.ts";

describe("expectEventually", () => {
  it("resolves as soon as the assertion stops throwing", async () => {
    let calls = 0;
    const result = await expectEventually(
      () => {
        calls++;
        if (calls < 3) throw new Error("not yet");
        return "ok";
      },
      { intervalMs: 1 },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  it("rethrows the last assertion error when the timeout is reached", async () => {
    let calls = 0;
    await expect(
      expectEventually(
        () => {
          calls++;
          expect(calls).toBe(-1);
        },
        { timeoutMs: 50, intervalMs: 5 },
      ),
    ).rejects.toThrow(/expected \d+ to be -1/);
    expect(calls).toBeGreaterThan(1);
  });

  it("awaits asynchronous assertions", async () => {
    let ready = false;
    setTimeout(() => (ready = true), 20);
    await expectEventually(async () => expect(ready).toBe(true), { timeoutMs: 1000, intervalMs: 5 });
  });
});

describe("uniqueName", () => {
  it("appends a random suffix to the prefix", () => {
    const a = uniqueName("students");
    const b = uniqueName("students");
    expect(a).toMatch(/^students_[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it("rejects prefixes that would not be valid database or topic names", () => {
    expect(() => uniqueName("a.b")).toThrow(/prefix/);
    expect(() => uniqueName("")).toThrow(/prefix/);
  });
});

describe("freshMongoUri", () => {
  it("adds the database to a URI without one", () => {
    expect(freshMongoUri("mongodb://127.0.0.1:27027/", "db1")).toBe("mongodb://127.0.0.1:27027/db1");
    expect(freshMongoUri("mongodb://127.0.0.1:27027", "db1")).toBe("mongodb://127.0.0.1:27027/db1");
  });

  it("replaces the database and keeps credentials and options", () => {
    expect(freshMongoUri("mongodb://u:p%40ss@h1:1,h2:2/old?replicaSet=rs0&authSource=admin", "new_db")).toBe(
      "mongodb://u:p%40ss@h1:1,h2:2/new_db?replicaSet=rs0&authSource=admin",
    );
    expect(freshMongoUri("mongodb+srv://cluster.example.net/?retryWrites=true", "x")).toBe(
      "mongodb+srv://cluster.example.net/x?retryWrites=true",
    );
  });

  it("rejects invalid database names and non-MongoDB URIs", () => {
    expect(() => freshMongoUri("mongodb://h/", "a.b")).toThrow(/database name/);
    expect(() => freshMongoUri("http://h/", "a")).toThrow(/mongodb/);
  });
});

describe("freePort", () => {
  it("returns a port that can be bound on 127.0.0.1", async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("returns distinct ports when asked for several", async () => {
    const ports = await freePorts(3);
    expect(new Set(ports).size).toBe(3);
  });
});
