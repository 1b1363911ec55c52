package io.txmon.service.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.txmon.analytics.ActivityCounts;
import io.txmon.analytics.AlertRate;
import io.txmon.analytics.Analytics;
import io.txmon.analytics.AnalyticsRefresh;
import io.txmon.analytics.FiveMinuteFeatures;
import io.txmon.analytics.RefreshResult;
import io.txmon.analytics.RiskDimension;
import io.txmon.analytics.RiskSummary;
import io.txmon.analytics.Spending;
import io.txmon.ingest.IngestionStatus;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.rules.RuleSet;
import io.txmon.service.problems.QueryParameters;
import io.txmon.storage.Database;
import io.txmon.storage.StoredHistory;
import io.txmon.transaction.InvalidFieldException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What analysts look at (seeds 002 to 004): counts over any time range, the latest ingestion runs, spending, risk
 * by merchant, country and account, and an account's profile.
 */
@RestController
class AnalyticsController {
    static final int MAX_LIMIT = 1_000;
    static final int MAX_HOURLY_DAYS = 366;
    static final int MAX_ALERT_RATE_DAYS = 92;

    private final Analytics analytics;
    private final IngestionStatus ingestion;
    private final Database database;
    private final OnlineIngestion scoring;

    AnalyticsController(Database database, OnlineIngestion scoring) {
        this.database = database;
        this.scoring = scoring;
        this.analytics = new Analytics(database);
        this.ingestion = new IngestionStatus(database);
    }

    /** Transactions in a range of event time. */
    record TransactionCount(Instant from, Instant to, long transactions, BigDecimal amount) {}

    /** Anomalies (decisions of REVIEW or BLOCK) in a range of event time, and how many of them were blocked. */
    record AnomalyCount(Instant from, Instant to, long anomalies, long blocked, BigDecimal amount) {}

    /**
     * The alert budget in force (the active rule set's) and each of the latest days' alerts against it.
     *
     * @param budget as the rule file writes it: {@code 1%}, {@code 200/day} or {@code off}
     */
    record AlertBudgetView(String budget, String ruleSetVersion, List<AlertRate> days) {}

    /** The latest runs and each source's state. */
    record Status(List<IngestionStatus.Run> runs, List<IngestionStatus.SourceState> sources) {}

    @Operation(summary = "How many transactions have an event time in [from, to)", description = "Exact.")
    @GetMapping("/transactions/count")
    TransactionCount transactions(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        TimeRange range = TimeRange.of(from, to);
        ActivityCounts counts = analytics.counts(range.from(), range.to());
        return new TransactionCount(range.from(), range.to(), counts.transactions(), counts.amount());
    }

    @Operation(summary = "How many anomalies (REVIEW or BLOCK) have an event time in [from, to)")
    @GetMapping("/anomalies/count")
    AnomalyCount anomalies(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        TimeRange range = TimeRange.of(from, to);
        ActivityCounts counts = analytics.counts(range.from(), range.to());
        return new AnomalyCount(range.from(), range.to(), counts.anomalies(), counts.blocks(), counts.anomalyAmount());
    }

    @Operation(
            summary = "The alert budget in force and the alerts of each of the last days (UTC) against it",
            description = "The days end with the day of the latest stored transaction. Each day gives its decisions,"
                    + " reviews, blocks and the review lines its decisions were judged by (docs/rules.md, \"The alert"
                    + " budget\").")
    @GetMapping("/analytics/alert-rate")
    AlertBudgetView alertRate(@RequestParam(defaultValue = "7") int days) {
        int count = QueryParameters.limit("days", days, MAX_ALERT_RATE_DAYS);
        RuleSet rules = scoring.rules();
        List<AlertRate> rates = new StoredHistory(database)
                .latestEventTime()
                .map(latest -> {
                    Instant end = latest.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
                    return analytics.alertRates(end.minus(count, ChronoUnit.DAYS), end);
                })
                .orElse(List.of());
        return new AlertBudgetView(rules.decision().alertBudget().text(), rules.version(), rates);
    }

    @Operation(summary = "The latest ingestion runs, newest first, and how far each source has come")
    @GetMapping("/ingestion/status")
    Status status(@RequestParam(defaultValue = "10") int limit) {
        return new Status(ingestion.latestRuns(QueryParameters.limit("limit", limit, MAX_LIMIT)), ingestion.sources());
    }

    @Operation(summary = "Transactions, anomalies and blocks per UTC hour starting in [from, to), oldest first")
    @GetMapping("/analytics/hourly")
    List<ActivityCounts> hourly(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        TimeRange range = TimeRange.of(from, to);
        if (Duration.between(range.from(), range.to()).toDays() > MAX_HOURLY_DAYS) {
            throw new InvalidFieldException("to", "an hourly series covers at most " + MAX_HOURLY_DAYS + " days");
        }
        return analytics.hourly(range.from(), range.to());
    }

    @Operation(summary = "Take the transactions stored since the last refresh into the analytics tables now")
    @PostMapping("/analytics/refresh")
    RefreshResult refresh() {
        return new AnalyticsRefresh(database).refresh();
    }

    @Operation(summary = "The latest records refused by ingestion, newest first, with their line, text and reason")
    @GetMapping("/ingestion/rejected")
    List<IngestionStatus.Rejected> rejected(@RequestParam(defaultValue = "50") int limit) {
        return ingestion.rejected(QueryParameters.limit("limit", limit, MAX_LIMIT));
    }

    @Operation(summary = "Spending (card, transfer and cash-out amounts) per UTC month, of all or one account")
    @GetMapping("/analytics/spending/monthly")
    List<Spending> monthly(@RequestParam(name = "user_id", required = false) String userId) {
        return userId == null ? analytics.monthlySpending() : analytics.monthlySpending(userId);
    }

    @Operation(summary = "Spending per UTC year, of all or one account")
    @GetMapping("/analytics/spending/yearly")
    List<Spending> yearly(@RequestParam(name = "user_id", required = false) String userId) {
        return userId == null ? analytics.yearlySpending() : analytics.yearlySpending(userId);
    }

    @Operation(
            summary = "The riskiest merchants, countries or accounts",
            description = "By = merchants, countries or accounts.")
    @GetMapping("/analytics/risk/{by}")
    List<RiskSummary> risk(@PathVariable String by, @RequestParam(defaultValue = "10") int limit) {
        RiskDimension dimension =
                switch (by.toLowerCase(Locale.ROOT)) {
                    case "merchants" -> RiskDimension.MERCHANT;
                    case "countries" -> RiskDimension.COUNTRY;
                    case "accounts" -> RiskDimension.ACCOUNT;
                    default ->
                        throw new InvalidFieldException(
                                "by",
                                "must be merchants, countries or accounts, was '" + QueryParameters.abbreviate(by)
                                        + "'");
                };
        return analytics.topRisky(dimension, QueryParameters.limit("limit", limit, MAX_LIMIT));
    }

    @Operation(summary = "An account's five-minute features (count, amount, largest amount, locations) in [from, to)")
    @GetMapping("/analytics/accounts/{id}/five-minute")
    List<FiveMinuteFeatures> fiveMinute(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        TimeRange range = TimeRange.of(from, to);
        return analytics.fiveMinuteFeatures(id, range.from(), range.to());
    }
}
