package io.txmon.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AnalyticsIT {
    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void countsExactlyOverARangeThatCutsAnHourWhileTheHourlyTableSumsWholeHours(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = refreshedFirstBatch(engine)) {
            Analytics analytics = new Analytics(test.database());
            Instant from = at("2026-01-01T00:02:00Z");
            Instant to = at("2026-01-01T01:30:00Z");

            assertThat(analytics.counts(from, to))
                    .isEqualTo(new ActivityCounts(from, to, 4, 2, 1, money("645.01"), money("105.01")));
            assertThat(analytics.hourlyCounts(from, to))
                    .as("only the hour from 01:00 starts inside the range")
                    .isEqualTo(new ActivityCounts(
                            at("2026-01-01T01:00:00Z"),
                            at("2026-01-01T02:00:00Z"),
                            1,
                            0,
                            0,
                            money("40.00"),
                            money("0")));
            assertThat(analytics.hourlyCounts(at("2026-01-01T00:00:00Z"), at("2026-01-01T02:00:00Z")))
                    .isEqualTo(new ActivityCounts(
                            at("2026-01-01T00:00:00Z"),
                            at("2026-01-01T02:00:00Z"),
                            5,
                            3,
                            1,
                            money("665.26"),
                            money("125.26")));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void sumsMonthlyAndYearlyOutflowsToTheCentPerAccountAndOverallLeavingCashInOut(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = refreshedFirstBatch(engine)) {
            Analytics analytics = new Analytics(test.database());

            assertThat(analytics.monthlySpending())
                    .containsExactly(
                            new Spending("2025-12", 1, 1, money("10.50")),
                            new Spending("2026-01", 4, 2, money("165.26")),
                            new Spending("2026-02", 1, 1, money("7.99")));
            assertThat(analytics.monthlySpending("u1"))
                    .containsExactly(
                            new Spending("2025-12", 1, 1, money("10.50")),
                            new Spending("2026-01", 2, 1, money("120.25")));
            assertThat(analytics.yearlySpending())
                    .containsExactly(
                            new Spending("2025", 1, 1, money("10.50")), new Spending("2026", 5, 2, money("173.25")));
            assertThat(analytics.yearlySpending("u2")).containsExactly(new Spending("2026", 3, 1, money("53.00")));
            assertThat(analytics.yearlySpending("nobody")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void ranksMerchantsCountriesAndAccountsByFlaggedTransactionsThenAverageRiskScore(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = refreshedFirstBatch(engine)) {
            Analytics analytics = new Analytics(test.database());

            assertThat(analytics.topRisky(RiskDimension.MERCHANT, 10))
                    .containsExactly(
                            new RiskSummary(
                                    "m2",
                                    2,
                                    1,
                                    0,
                                    new BigDecimal("0.700000"),
                                    new BigDecimal("0.7000"),
                                    money("13.00"),
                                    at("2026-02-10T12:00:00Z")),
                            new RiskSummary(
                                    "m1",
                                    2,
                                    1,
                                    0,
                                    new BigDecimal("0.350000"),
                                    new BigDecimal("0.6000"),
                                    money("30.75"),
                                    at("2026-01-01T00:01:00Z")));
            assertThat(analytics.topRisky(RiskDimension.COUNTRY, 10))
                    .containsExactly(
                            new RiskSummary(
                                    "DE",
                                    4,
                                    2,
                                    1,
                                    new BigDecimal("0.412500"),
                                    new BigDecimal("0.9000"),
                                    money("630.75"),
                                    at("2026-01-01T00:04:59Z")),
                            new RiskSummary(
                                    "FR",
                                    3,
                                    1,
                                    0,
                                    new BigDecimal("0.450000"),
                                    new BigDecimal("0.7000"),
                                    money("53.00"),
                                    at("2026-02-10T12:00:00Z")));
            assertThat(analytics.topRisky(RiskDimension.ACCOUNT, 1))
                    .extracting(RiskSummary::key)
                    .containsExactly("u1");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void groupsAnAccountsTransactionsIntoUtcFiveMinuteBucketsCountingDistinctLocations(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = refreshedFirstBatch(engine)) {
            Analytics analytics = new Analytics(test.database());

            assertThat(analytics.fiveMinuteFeatures("u1", at("2025-12-31T00:00:00Z"), at("2026-01-02T00:00:00Z")))
                    .containsExactly(
                            new FiveMinuteFeatures(
                                    "u1", at("2025-12-31T23:55:00Z"), 1, money("10.50"), money("10.50"), 1),
                            new FiveMinuteFeatures(
                                    "u1", at("2026-01-01T00:00:00Z"), 3, money("620.25"), money("500.00"), 2));
            assertThat(analytics.fiveMinuteFeatures("u2", at("2026-01-01T00:30:00Z"), at("2026-01-01T01:15:00Z")))
                    .as("buckets that start in [from, to)")
                    .containsExactly(new FiveMinuteFeatures(
                            "u2", at("2026-01-01T00:30:00Z"), 1, money("5.01"), money("5.01"), 1));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aRefreshAfterMoreRowsArriveGivesTheNewTotalsAndCountsNothingTwice(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = refreshedFirstBatch(engine)) {
            AnalyticsRefresh refresh = new AnalyticsRefresh(test.database());
            Analytics analytics = new Analytics(test.database());

            new AnalyticsFixture(test.database(), 7).insertSecondBatch();
            assertThat(refresh.refresh()).isEqualTo(new RefreshResult(2, 9L));
            assertThat(refresh.refresh()).as("nothing new").isEqualTo(new RefreshResult(0, 9L));

            assertSecondBatchTotals(analytics);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void rebuildingFromScratchGivesWhatTheIncrementalRefreshesGave(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = refreshedFirstBatch(engine)) {
            new AnalyticsFixture(test.database(), 7).insertSecondBatch();
            new AnalyticsRefresh(test.database()).refresh();

            assertThat(new AnalyticsRefresh(test.database()).rebuild()).isEqualTo(new RefreshResult(9, 9L));

            assertSecondBatchTotals(new Analytics(test.database()));
        }
    }

    private static void assertSecondBatchTotals(Analytics analytics) throws SQLException {
        assertThat(analytics.hourlyCounts(at("2025-12-31T23:00:00Z"), at("2026-01-01T02:00:00Z")))
                .isEqualTo(new ActivityCounts(
                        at("2025-12-31T23:00:00Z"),
                        at("2026-01-01T02:00:00Z"),
                        8,
                        4,
                        2,
                        money("678.75"),
                        money("127.76")));
        assertThat(analytics.monthlySpending())
                .containsExactly(
                        new Spending("2025-12", 2, 1, money("10.99")),
                        new Spending("2026-01", 5, 3, money("167.76")),
                        new Spending("2026-02", 1, 1, money("7.99")));
        assertThat(analytics.yearlySpending())
                .containsExactly(
                        new Spending("2025", 2, 1, money("10.99")), new Spending("2026", 6, 3, money("175.75")));
        assertThat(analytics.topRisky(RiskDimension.MERCHANT, 10))
                .extracting(RiskSummary::key)
                .containsExactly("m3", "m2", "m1");
        assertThat(analytics.topRisky(RiskDimension.MERCHANT, 10).get(2))
                .isEqualTo(new RiskSummary(
                        "m1",
                        3,
                        1,
                        0,
                        new BigDecimal("0.233333"),
                        new BigDecimal("0.6000"),
                        money("31.24"),
                        at("2026-01-01T00:01:00Z")));
        List<FiveMinuteFeatures> u1 =
                analytics.fiveMinuteFeatures("u1", at("2025-12-31T23:55:00Z"), at("2026-01-01T00:00:00Z"));
        assertThat(u1)
                .containsExactly(
                        new FiveMinuteFeatures("u1", at("2025-12-31T23:55:00Z"), 2, money("10.99"), money("10.50"), 1));
    }

    private TestDatabase refreshedFirstBatch(DatabaseEngine engine) throws SQLException {
        TestDatabase test = TestDatabase.create(engine, folder);
        try {
            new AnalyticsFixture(test.database(), 0).insertFirstBatch();
            assertThat(new AnalyticsRefresh(test.database()).refresh()).isEqualTo(new RefreshResult(7, 7L));
            return test;
        } catch (SQLException | RuntimeException | AssertionError e) {
            test.close();
            throw e;
        }
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(6);
    }
}
