/* global document */
// The strategy dashboard's entry point: the token form, the academic year, and every
// panel loaded on its own, so that one panel the role may not see (or one subgraph
// down) leaves the others standing.
import { panels } from "./panels.js";
import { runOperation, storeToken, storedToken, tokenClaims } from "./graph.js";
import { element } from "./dom.js";

/** Academic years run from 1 September; "2026-2027" holds 1 November 2026. */
function academicYearStart(today) {
  return today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
}

function academicYear(start) {
  return `${start}-${start + 1}`;
}

const start = academicYearStart(new Date());
const context = {
  // A cohort is named after its graduation year: this year's graduates are cohort start + 1.
  graduatingCohort: start + 1,
  // The last two graduated cohorts and the three still at the school.
  cohorts: [start - 1, start, start + 1, start + 2, start + 3],
  flowsYear: academicYear(start),
};

const stateMessages = {
  loading: "Loading…",
  forbidden: "Not visible to your role.",
  unauthenticated: "Sign in with a token to see this panel.",
};

function showState(panel, state, message) {
  panel.dataset.state = state;
  panel
    .querySelector(".panel-body")
    .replaceChildren(
      element("p", { class: `state state-${state}` }, [
        panel.dataset.title ? element("strong", {}, `${panel.dataset.title}: `) : null,
        message ?? stateMessages[state],
      ]),
    );
}

/** Runs a panel's operations, then draws it or says why it cannot. */
async function loadPanel(definition) {
  const panel = document.querySelector(`[data-panel="${definition.name}"]`);
  if (!panel) return;
  showState(panel, "loading");
  const results = await Promise.all(
    definition.operations(context).map((operation) => runOperation(operation.query, operation.variables)),
  );
  for (const kind of ["unauthenticated", "forbidden", "error"]) {
    const failed = results.find((result) => result.kind === kind);
    if (failed) {
      showState(panel, kind, kind === "error" ? `Could not load: ${failed.message}` : undefined);
      return;
    }
  }
  try {
    const drawn = definition.render(
      results.map((result) => result.data),
      context,
    );
    panel.querySelector(".panel-body").replaceChildren(...[].concat(drawn));
    panel.dataset.state = "ready";
  } catch (error) {
    showState(panel, "error", `Could not draw: ${error.message}`);
  }
}

function loadAll() {
  return Promise.all(panels.map(loadPanel)).then(() => {
    document.body.dataset.loaded = "true";
  });
}

function showViewer() {
  const claims = tokenClaims(storedToken());
  const viewer = document.querySelector("#viewer");
  viewer.textContent = claims?.role
    ? `Signed in as ${claims.role}${claims.sub ? ` (${claims.sub})` : ""}`
    : "Not signed in: paste a token.";
}

function setUpFlowsYear() {
  const select = document.querySelector("#flows-year");
  for (const offset of [-2, -1, 0, 1]) {
    const year = academicYear(start + offset);
    select.append(element("option", { value: year, ...(offset === 0 ? { selected: "" } : {}) }, year));
  }
  select.addEventListener("change", () => {
    context.flowsYear = select.value;
    loadPanel(panels.find((panel) => panel.name === "flows"));
  });
}

document.querySelector("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.querySelector("#token");
  storeToken(input.value.trim().replace(/^Bearer\s+/i, ""));
  input.value = "";
  document.body.dataset.loaded = "false";
  showViewer();
  loadAll();
});
document.querySelector("#sign-out").addEventListener("click", () => {
  storeToken("");
  document.body.dataset.loaded = "false";
  showViewer();
  loadAll();
});

document.querySelector("#academic-year").textContent = academicYear(start);
setUpFlowsYear();
showViewer();
loadAll();
