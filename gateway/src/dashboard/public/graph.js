/* global fetch, sessionStorage, atob */
// The page's only way to the data: POST /graphql on this origin with the viewer's
// bearer token, kept in sessionStorage (gone when the tab closes).

const tokenKey = "intl-graph.dashboard.token";

export function storedToken() {
  return sessionStorage.getItem(tokenKey) ?? "";
}

export function storeToken(token) {
  if (token) sessionStorage.setItem(tokenKey, token);
  else sessionStorage.removeItem(tokenKey);
}

/**
 * What the token says about its holder (role, subject), read without verifying it:
 * only to greet the viewer; the gateway verifies every request.
 */
export function tokenClaims(token) {
  try {
    const payload = token.split(".")[1] ?? "";
    return JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return null;
  }
}

/**
 * The outcome of one panel's operation:
 *   { kind: "data", data }           every field answered;
 *   { kind: "forbidden" }            the role may not see some of it (a FORBIDDEN error);
 *   { kind: "unauthenticated" }      no token, or a token the gateway refused;
 *   { kind: "error", message }       anything else (a subgraph down, a timeout...).
 */
export async function runOperation(query, variables = {}) {
  const token = storedToken();
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    return { kind: "error", message: `The gateway did not answer (${error.message}).` };
  }
  let body;
  try {
    body = await response.json();
  } catch {
    return { kind: "error", message: `The gateway answered HTTP ${response.status} without JSON.` };
  }
  const codes = (body.errors ?? []).map((error) => error.extensions?.code);
  if (codes.includes("UNAUTHENTICATED")) return { kind: "unauthenticated" };
  if (codes.includes("FORBIDDEN")) return { kind: "forbidden" };
  if (codes.length > 0 || !body.data) {
    return { kind: "error", message: body.errors?.[0]?.message ?? `HTTP ${response.status}` };
  }
  return { kind: "data", data: body.data };
}
