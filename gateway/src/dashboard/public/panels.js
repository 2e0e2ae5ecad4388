// The dashboard's panels: each names the operations it runs (from operations.js, the
// same texts the unit tests validate against the supergraph) and how it draws their data.
import { dashboardOperations as operations } from "./operations.js";
import { divergingBars, funnel, gauge, horizontalBars, stackedShareBars } from "./charts.js";
import { element, percent } from "./dom.js";

/** The English-taught MSc target is the school's policy (DOMAIN.md); the graph has no field for it. */
const ENGLISH_MSC_TARGET = 10;

const zoneNames = {
  AFRICA: "Africa",
  SOUTH_AMERICA: "South America",
  NORTH_AMERICA: "North America",
  ASIA: "Asia",
  EUROPE: "Europe",
  MEDITERRANEAN: "Mediterranean",
  OCEANIA: "Oceania",
  OTHER: "Other",
};

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
function countryName(code) {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A target card: a gauge, the value against the target, a line of context. */
function targetCard({ title, kpi, value, target, gaugeValue, gaugeTarget, note }) {
  return element("div", { class: "card" }, [
    element("h3", {}, title),
    gauge({ value: gaugeValue, target: gaugeTarget, label: title }),
    element("p", { class: "figure" }, [
      element("span", { "data-kpi": kpi }, value),
      element("span", { class: "target" }, [
        " / target ",
        element("span", { "data-kpi": `${kpi}-target` }, target),
      ]),
    ]),
    note ? element("p", { class: "note" }, note) : null,
  ]);
}

function progressCard(title, kpi, progress, note) {
  return targetCard({
    title,
    kpi,
    value: progress.actual,
    target: progress.target,
    gaugeValue: progress.actual,
    gaugeTarget: progress.target,
    note,
  });
}

export const panels = [
  {
    name: "partnership-targets",
    operations: () => [{ query: operations.partnershipTargets }],
    render: ([{ partnershipTargets: targets }]) => [
      progressCard("Exchange agreements", "agreements", targets.agreements, "active agreements"),
      progressCard("Strategic partnerships", "strategic", targets.strategic, "designated strategic partners"),
      progressCard(
        "Complete partnerships",
        "complete",
        targets.complete,
        "teaching + research + corporate + culture, evidenced",
      ),
    ],
  },
  {
    name: "international-share",
    operations: () => [{ query: operations.internationalShare }],
    render: ([{ internationalShare: share }]) =>
      targetCard({
        title: "International students",
        kpi: "international-share",
        value: percent(share.share),
        target: percent(share.target),
        gaugeValue: share.share,
        gaugeTarget: share.target,
        note: `${share.international} of ${share.total} enrolled students`,
      }),
  },
  {
    name: "english-msc",
    operations: () => [{ query: operations.englishTaughtMsc }],
    render: ([{ programmes }]) => {
      const english = programmes.filter((programme) => programme.language === "en");
      return targetCard({
        title: "English-taught MSc",
        kpi: "english-msc",
        value: english.length,
        target: ENGLISH_MSC_TARGET,
        gaugeValue: english.length,
        gaugeTarget: ENGLISH_MSC_TARGET,
        note: `${programmes.length} MSc programmes open to international students`,
      });
    },
  },
  {
    name: "graduating-cohort",
    operations: (context) => [
      { query: operations.cohortCompliance, variables: { cohort: context.graduatingCohort } },
    ],
    render: ([{ mobilityCompliance: cohort }]) =>
      targetCard({
        title: `Outgoing mobility, cohort ${cohort.cohort}`,
        kpi: "graduating-cohort-share",
        value: percent(cohort.share),
        target: percent(cohort.target),
        gaugeValue: cohort.share ?? 0,
        gaugeTarget: cohort.target,
        note: `${percent(cohort.projectedShare)} with planned stays · ${cohort.atRisk.totalCount} at risk`,
      }),
  },
  {
    name: "origin-diversity",
    operations: () => [{ query: operations.originDiversity }],
    render: ([{ originDiversity: diversity }]) => {
      const largest = diversity.topCountries[0];
      return element("div", { class: "card wide" }, [
        element("h3", {}, "Diversity of origins"),
        element("p", { class: "figure" }, [
          element("span", { "data-kpi": "effective-countries" }, diversity.effectiveCountries.toFixed(1)),
          element("span", { class: "target" }, " effective countries"),
        ]),
        element("p", { class: "note" }, [
          "Concentration index (HHI) ",
          element("span", { "data-kpi": "herfindahl" }, diversity.herfindahl.toFixed(3)),
          ` over ${diversity.total} international students; no single country should dominate`,
          largest ? ` (largest: ${countryName(largest.countryCode)}, ` : "",
          largest ? element("span", { "data-kpi": "largest-country-share" }, percent(largest.share)) : null,
          largest ? ")" : "",
        ]),
        horizontalBars(
          diversity.topCountries.map((country) => ({
            key: country.countryCode,
            label: countryName(country.countryCode),
            // A count hidden from the viewer ("<5") has no share either: no bar, its "<5" label.
            value: country.share ?? 0,
            shown: country.share === null ? `${country.countShown} students` : undefined,
          })),
          { label: "Top countries of origin", format: percent },
        ),
      ]);
    },
  },
  {
    name: "cohorts",
    operations: (context) =>
      context.cohorts.map((cohort) => ({ query: operations.cohortCompliance, variables: { cohort } })),
    render: (answers) => {
      const cohorts = answers.map((answer) => answer.mobilityCompliance);
      const chart = stackedShareBars(
        cohorts.map((cohort) => ({
          label: String(cohort.cohort),
          parts: [
            { value: cohort.done, className: "seg-done" },
            { value: cohort.planned, className: "seg-planned" },
            { value: cohort.none, className: "seg-none" },
          ],
        })),
        { label: "Outgoing mobility per cohort against the 100 % rule" },
      );
      const cell = (kpi, value) => element("td", { "data-kpi": kpi }, value);
      const table = element("table", { class: "figures" }, [
        element("thead", {}, [
          element(
            "tr",
            {},
            ["Cohort", "Students", "Done", "Planned", "None", "Done %", "With planned", "At risk"].map(
              (heading) => element("th", {}, heading),
            ),
          ),
        ]),
        element(
          "tbody",
          {},
          cohorts.map((cohort) =>
            element("tr", { "data-cohort": cohort.cohort }, [
              element("th", {}, String(cohort.cohort)),
              cell("total", cohort.total),
              cell("done", cohort.done),
              cell("planned", cohort.planned),
              cell("none", cohort.none),
              cell("share", percent(cohort.share)),
              cell("projected-share", percent(cohort.projectedShare)),
              cell("at-risk", cohort.atRisk.totalCount),
            ]),
          ),
        ),
      ]);
      const legend = element("p", { class: "legend" }, [
        element("span", { class: "swatch seg-done" }),
        " done ",
        element("span", { class: "swatch seg-planned" }),
        " planned ",
        element("span", { class: "swatch seg-none" }),
        " nothing yet · line: target 100 %",
      ]);
      return element("div", { class: "split" }, [element("div", {}, [chart, legend]), table]);
    },
  },
  {
    name: "zones",
    operations: () => [{ query: operations.partnersByZone }],
    render: ([{ agreementStats: stats }]) => {
      const counts = new Map(stats.byZone.map((row) => [row.key, row.count]));
      return [
        element("p", { class: "note" }, [
          element("span", { "data-kpi": "active-agreements" }, stats.total),
          " active agreements, by the partner's zone",
        ]),
        horizontalBars(
          Object.entries(zoneNames).map(([key, label]) => ({ key, label, value: counts.get(key) ?? 0 })),
          { label: "Active agreements by zone" },
        ),
      ];
    },
  },
  {
    name: "flows",
    operations: (context) => [
      { query: operations.flowsByPartner, variables: { academicYear: context.flowsYear } },
    ],
    render: ([{ flowsByPartner: listed }], context) => {
      // The graph lists every partner with an agreement covering the year; charted are those with a flow.
      const flows = listed.filter((flow) => flow.incomingShown !== "0" || flow.outgoingShown !== "0");
      const still = listed.length - flows.length;
      if (flows.length === 0) {
        return element("p", { class: "empty" }, `No mobility with a partner in ${context.flowsYear}.`);
      }
      // A count hidden from the viewer (null, shown "<5") counts as 0 in sorts and bars, and a
      // total over hidden counts says "at least" (a trailing +).
      const size = (flow) => (flow.incoming ?? 0) + (flow.outgoing ?? 0);
      const shown = [...flows].sort((a, b) => size(b) - size(a)).slice(0, 15);
      const total = (direction) =>
        `${flows.reduce((sum, flow) => sum + (flow[direction] ?? 0), 0)}${flows.some((flow) => flow[direction] === null) ? "+" : ""}`;
      const incoming = total("incoming");
      const outgoing = total("outgoing");
      return [
        element("p", { class: "note" }, [
          element("span", { "data-kpi": "flow-partners" }, flows.length),
          " partners · ",
          element("span", { "data-kpi": "flow-outgoing" }, outgoing),
          " outgoing, ",
          element("span", { "data-kpi": "flow-incoming" }, incoming),
          ` incoming in ${context.flowsYear}`,
          shown.length < flows.length ? ` (the ${shown.length} largest shown)` : "",
          ...(still > 0
            ? [" · ", element("span", { "data-kpi": "flow-none" }, still), " without a flow"]
            : []),
        ]),
        divergingBars(
          shown.map((flow) => ({
            key: flow.institution.id,
            label: `${flow.institution.name} (${flow.institution.countryCode})`,
            outgoing: flow.outgoing ?? 0,
            incoming: flow.incoming ?? 0,
            outgoingShown: flow.outgoingShown,
            incomingShown: flow.incomingShown,
          })),
          { label: `Flows per partner in ${context.flowsYear}` },
        ),
      ];
    },
  },
  {
    name: "funnel",
    operations: () => [{ query: operations.campaignFunnel }],
    render: ([{ campaignComparison: rows }]) => {
      if (rows.length === 0) return element("p", { class: "empty" }, "No recruitment campaign yet.");
      return element(
        "div",
        { class: "funnels" },
        rows.map((row) =>
          element("div", { class: "funnel-card", "data-row": `${row.countryCode} ${row.academicYear}` }, [
            element("h3", {}, `${countryName(row.countryCode)} · ${row.academicYear}`),
            funnel(
              [
                ["seen", "candidatesSeen"],
                ["interviewed", "interviewed"],
                ["admitted", "admitted"],
                ["enrolled", "enrolled"],
              ].map(([key, count]) => ({
                key,
                label: key,
                value: row.outcomes[count],
                shown: row.outcomes[`${count}Shown`],
              })),
              { label: `Recruitment funnel, ${row.countryCode} ${row.academicYear}` },
            ),
            element(
              "p",
              { class: "note" },
              `${row.campaignCount} campaign${row.campaignCount === 1 ? "" : "s"}`,
            ),
          ]),
        ),
      );
    },
  },
  {
    name: "students-at-risk",
    operations: (context) => [
      { query: operations.studentsAtRisk, variables: { cohort: context.graduatingCohort } },
    ],
    render: ([{ mobilityCompliance: compliance }], context) => {
      const { totalCount, nodes } = compliance.atRisk;
      if (totalCount === 0) {
        return element("p", { class: "empty" }, `No student of cohort ${context.graduatingCohort} at risk.`);
      }
      return [
        element("p", { class: "note" }, [
          element("span", { "data-kpi": "at-risk-count" }, totalCount),
          ` students of cohort ${context.graduatingCohort} have nothing done or planned with less than ${compliance.warningMonths} months left`,
          nodes.length < totalCount ? ` (first ${nodes.length} shown)` : "",
        ]),
        element(
          "ul",
          { class: "names" },
          nodes.map((student) =>
            element(
              "li",
              { "data-student": student.id },
              `${student.firstName ?? ""} ${student.lastName ?? ""} · ${student.programme.code}`,
            ),
          ),
        ),
      ];
    },
  },
];
