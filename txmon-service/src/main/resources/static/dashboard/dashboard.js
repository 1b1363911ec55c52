// The analysts' dashboard: reads the API with the API key given at sign-in (kept for this tab only) and reviews
// alerts through PATCH /alerts/{id}. Everything shown comes from the same endpoints any client uses.
(function () {
  "use strict";

  const KEY = "txmon.apiKey";
  const $ = (id) => document.getElementById(id);
  const everything = "from=1970-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
  let chart = null;

  function key() {
    return sessionStorage.getItem(KEY);
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ "X-API-Key": key() }, options.headers || {});
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail || detail;
      } catch (ignored) {
        // Not a problem document; the status says enough.
      }
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return response.status === 204 ? null : response.json();
  }

  function number(value) {
    return Number(value).toLocaleString("en-GB");
  }

  function text(tag, content, className) {
    const cell = document.createElement(tag);
    cell.textContent = content;
    if (className) {
      cell.className = className;
    }
    return cell;
  }

  async function signIn(event) {
    event.preventDefault();
    sessionStorage.setItem(KEY, $("login-key").value.trim());
    try {
      await api("/ingestion/status?limit=1");
      await show();
    } catch (error) {
      sessionStorage.removeItem(KEY);
      $("login-error").textContent = error.status === 401 ? "That key is not valid."
        : error.status === 403 ? "That key lacks the ANALYST role." : "Sign-in failed: " + error.message;
    }
  }

  function signOut() {
    sessionStorage.removeItem(KEY);
    location.reload();
  }

  async function show() {
    $("login").hidden = true;
    $("dashboard").hidden = false;
    $("sign-out").hidden = false;
    $("who").textContent = "signed in";
    await refresh();
  }

  async function refresh() {
    await Promise.all([totals(), latestRun(), volume(), alertBudget(), shadow(), risky("merchants"), risky("countries"),
      risky("accounts"), queue()]);
    document.body.dataset.loaded = String(Date.now());
  }

  async function totals() {
    const [transactions, anomalies] = await Promise.all([
      api("/transactions/count?" + everything), api("/anomalies/count?" + everything)]);
    $("total-transactions").textContent = number(transactions.transactions);
    $("total-anomalies").textContent = number(anomalies.anomalies);
    $("total-blocked").textContent = number(anomalies.blocked);
  }

  async function latestRun() {
    const status = await api("/ingestion/status?limit=1");
    const run = status.runs[0];
    $("latest-run").textContent = run
      ? "run " + run.run_id + " (" + run.source + "): " + run.status + ", " + number(run.inserted) + " inserted, "
        + number(run.duplicates) + " duplicates, " + number(run.rejected) + " rejected, started " + run.started_at
      : "none yet";
  }

  async function volume() {
    const to = new Date(Date.now() + 86400000);
    const from = new Date(to.getTime() - 365 * 86400000);
    const hours = await api("/analytics/hourly?from=" + from.toISOString() + "&to=" + to.toISOString());
    const data = [hours.map((h) => Date.parse(h.from) / 1000), hours.map((h) => h.transactions),
      hours.map((h) => h.anomalies)];
    const options = {
      width: Math.max(320, $("chart-volume").clientWidth || 800), height: 220,
      series: [{}, { label: "transactions", stroke: "#2e6bd8" }, { label: "alerts", stroke: "#d9432b" }],
      axes: [{}, {}],
    };
    if (chart) {
      chart.destroy();
    }
    chart = new uPlot(options, data, $("chart-volume"));
    $("chart-volume").dataset.points = String(hours.length);
  }

  async function alertBudget() {
    const view = await api("/analytics/alert-rate?days=7");
    $("alert-budget").textContent = "Budget in force: " + view.budget + " (rule set " + view.rule_set_version + ")";
    const table = $("alert-rate");
    table.replaceChildren();
    const head = document.createElement("tr");
    ["day", "decided", "reviews", "blocks", "flagged", "review line"].forEach((title) =>
      head.appendChild(text("th", title)));
    table.appendChild(head);
    view.days.forEach((day) => {
      const row = document.createElement("tr");
      const flagged = day.decided === 0 ? 0 : (day.reviews + day.blocks) / day.decided;
      const lines = day.lowest_line === day.highest_line ? String(day.lowest_line ?? "")
        : day.lowest_line + " to " + day.highest_line;
      row.appendChild(text("td", day.day.substring(0, 10)));
      row.appendChild(text("td", number(day.decided), "num"));
      row.appendChild(text("td", number(day.reviews), "num"));
      row.appendChild(text("td", number(day.blocks), "num"));
      row.appendChild(text("td", (100 * flagged).toFixed(2) + " %", "num"));
      row.appendChild(text("td", lines, "num"));
      table.appendChild(row);
    });
  }

  function share(value) {
    return value === null || value === undefined ? "–" : (100 * value).toFixed(1) + " %";
  }

  async function shadow() {
    const running = await api("/models/shadow");
    const table = $("shadow-comparison");
    table.replaceChildren();
    $("shadow-agreement").textContent = "";
    if (!running) {
      $("shadow-challenger").textContent = "No challenger runs (an admin starts one with PUT /models/shadow).";
      return;
    }
    $("shadow-challenger").textContent = "Challenger " + running.id + ": rule set " + running.rule_set_version
      + ", model " + (running.model_version || "none")
      + ", supervised model " + (running.supervised_model_version || "the champion's") + ", started " + running.started_at.substring(0, 16)
      + " by " + running.started_by;
    const comparison = await api("/models/" + running.id + "/shadow");
    const head = document.createElement("tr");
    ["", "alerts", "alert share", "labelled alerts", "precision"].forEach((title) =>
      head.appendChild(text("th", title)));
    table.appendChild(head);
    [["champion", comparison.champion], ["challenger", comparison.shadow]].forEach(([name, side]) => {
      const row = document.createElement("tr");
      row.dataset.side = name;
      row.appendChild(text("td", name));
      row.appendChild(text("td", number(side.alerts), "num"));
      row.appendChild(text("td", share(side.alert_share), "num"));
      row.appendChild(text("td", number(side.labelled_alerts), "num"));
      row.appendChild(text("td", share(side.precision), "num"));
      table.appendChild(row);
    });
    $("shadow-agreement").textContent = "Both decided " + number(comparison.decided) + " transactions: "
      + share(comparison.agreement.outcome_share) + " the same outcome (flagged or not), "
      + share(comparison.agreement.recommendation_share) + " the same recommendation; "
      + number(comparison.labelled) + " labelled.";
  }

  async function risky(dimension) {
    const rows = await api("/analytics/risk/" + dimension + "?limit=5");
    const table = $("top-" + dimension);
    table.replaceChildren();
    const head = document.createElement("tr");
    ["", "transactions", "flagged", "max risk"].forEach((title) => head.appendChild(text("th", title)));
    table.appendChild(head);
    rows.forEach((row) => {
      const line = document.createElement("tr");
      line.appendChild(text("td", row.key));
      line.appendChild(text("td", number(row.transactions), "num"));
      line.appendChild(text("td", number(row.flagged), "num"));
      line.appendChild(text("td", String(row.max_risk_score ?? ""), "num"));
      table.appendChild(line);
    });
  }

  async function queue() {
    const alerts = await api("/alerts?status=OPEN&limit=20");
    const review = await api("/alerts?status=IN_REVIEW&limit=20");
    $("open-alerts").textContent = alerts.length === 20 ? "20+" : String(alerts.length);
    const body = $("alert-queue").querySelector("tbody");
    body.replaceChildren();
    alerts.concat(review).forEach((alert) => {
      const line = document.createElement("tr");
      line.dataset.alertId = alert.alert_id;
      line.appendChild(text("td", "#" + alert.alert_id));
      line.appendChild(text("td", alert.transaction_id));
      line.appendChild(text("td", alert.user_id));
      line.appendChild(text("td", alert.amount + " " + alert.currency, "num"));
      line.appendChild(text("td", alert.risk_score + " " + alert.risk_level));
      line.appendChild(text("td", alert.reason_codes.join(", ")));
      line.appendChild(text("td", alert.status, "status"));
      const actions = document.createElement("td");
      [["review", "Review", { status: "IN_REVIEW" }], ["escalate", "Escalate", { status: "ESCALATED" }],
        ["true-positive", "Fraud", { status: "CLOSED", label: "TRUE_POSITIVE" }],
        ["false-positive", "Not fraud", { status: "CLOSED", label: "FALSE_POSITIVE" }]]
        .forEach(([action, title, change]) => {
          const button = text("button", title);
          button.dataset.action = action;
          button.addEventListener("click", () => reviewAlert(alert.alert_id, change, title));
          actions.appendChild(button);
        });
      line.appendChild(actions);
      body.appendChild(line);
    });
  }

  async function reviewAlert(id, change, title) {
    try {
      await api("/alerts/" + id, {
        method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(change) });
      $("review-message").textContent = "Alert #" + id + ": " + title.toLowerCase() + ".";
      await Promise.all([queue(), totals()]);
    } catch (error) {
      $("review-message").textContent = "Alert #" + id + " was not changed: " + error.message;
    }
  }

  $("login-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  if (key()) {
    show().catch(() => signOut());
  }
})();
