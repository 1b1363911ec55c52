package io.txmon.service.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.txmon.backtest.Backtest;
import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.rules.RuleSet;
import io.txmon.service.problems.QueryParameters;
import io.txmon.storage.ActiveRuleSet;
import io.txmon.storage.Database;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.StoredRuleSets;
import io.txmon.storage.StoredRuleSets.StoredRuleSet;
import io.txmon.transaction.InvalidFieldException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /rules}, {@code PUT /rules}, {@code GET /rules/versions} and {@code POST /rules/backtest}. A rule file
 * (the YAML of docs/rules.md) is validated before anything changes; a bad one is a 400 naming the rule and line.
 */
@RestController
class RulesController {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");
    private static final String YAML = "application/yaml";

    private final OnlineIngestion ingestion;
    private final ActiveRuleSet starting;
    private final StoredRuleSets stored;
    private final Database database;
    private final Clock clock;

    RulesController(OnlineIngestion ingestion, Database database, Clock clock, DecisionSetup starting) {
        this.ingestion = ingestion;
        this.starting = starting.activeRules();
        this.stored = new StoredRuleSets(database);
        this.database = database;
        this.clock = clock;
    }

    /**
     * The active rule set: its version (the content hash decisions record), name, size and rule file, and while the
     * rule set the service fell back to at start decides, why it fell back.
     */
    record ActiveRules(String version, String name, int rules, String ruleFile, String startupFallback) {}

    /** A kept version, without its text. */
    record Version(String version, String name, int rules, Instant createdAt, String createdBy, boolean active) {}

    @Operation(summary = "The active rule set and its rule file")
    @GetMapping("/rules")
    ActiveRules active() {
        RuleSet rules = ingestion.rules();
        String text = stored.active()
                .filter(set -> set.version().equals(rules.version()))
                .map(StoredRuleSet::ruleFile)
                .orElseGet(() -> RuleFile.format(rules.definition()));
        String fallback = starting.rules().version().equals(rules.version())
                ? starting.fallback().orElse(null)
                : null;
        return new ActiveRules(rules.version(), rules.name(), rules.size(), text, fallback);
    }

    @Operation(
            summary = "Replace the active rule set",
            description = "The body is a rule file (YAML, as docs/rules.md describes). It is compiled first; a bad"
                    + " one is refused with 400 naming the rule and line, and nothing changes. A good one is kept"
                    + " as a new version and decides every transaction that arrives after the answer.")
    @PutMapping(
            path = "/rules",
            consumes = {YAML, "text/yaml", "text/plain", "application/x-yaml"})
    ActiveRules replace(@RequestBody String ruleFile, Principal principal) throws Exception {
        RuleSet rules =
                ActiveRuleSet.activate(database, ruleFile, "request body", principal.getName(), clock.instant());
        ingestion.useRules(rules).get(30, TimeUnit.SECONDS);
        AUDIT.info(
                "rule set {} ({}, {} rules) activated by {}",
                rules.version(),
                rules.name(),
                rules.size(),
                principal.getName());
        return new ActiveRules(rules.version(), rules.name(), rules.size(), ruleFile, null);
    }

    @Operation(summary = "Every rule set version kept, newest first")
    @GetMapping("/rules/versions")
    List<Version> versions() {
        return stored.versions().stream()
                .map(s -> new Version(s.version(), s.name(), s.rules(), s.createdAt(), s.createdBy(), s.active()))
                .toList();
    }

    @Operation(
            summary = "Backtest a candidate rule set next to the active one",
            description = "Replays stored history up to 'to' through both, from fresh account states, with the"
                    + " model scoring uses now, and reports for transactions with event times in [from, to) what each"
                    + " would have flagged, by reason code, and precision and recall against alerts analysts"
                    + " closed as true or false positives. Nothing is stored.")
    @PostMapping(
            path = "/rules/backtest",
            consumes = {YAML, "text/yaml", "text/plain", "application/x-yaml"})
    Backtest.Report backtest(
            @RequestBody String ruleFile,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        RuleSet candidate = RuleFile.parse(ruleFile, "request body");
        Instant start = QueryParameters.optionalInstant("from", from).orElse(Instant.EPOCH);
        Instant end = QueryParameters.optionalInstant("to", to).orElseGet(clock::instant);
        if (!start.isBefore(end)) {
            throw new InvalidFieldException("to", "must be after from (" + start + "), was " + end);
        }
        try {
            // The baseline is what decides here now: the rule set and the model this service scores with.
            return new Backtest(database).run(ingestion.rules(), candidate, ingestion.model(), start, end);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("to", e.getMessage());
        }
    }
}
