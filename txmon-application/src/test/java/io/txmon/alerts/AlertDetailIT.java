package io.txmon.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.alerts.Alerts.AlertDetail;
import io.txmon.alerts.Alerts.Filter;
import io.txmon.ingest.ExternalDecision;
import io.txmon.ingest.ExternalDecisions;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An alert's detail names what decided, on both engines: the supervised model and its fraud probability too. */
class AlertDetailIT {
    private static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anAlertsDetailNamesTheSupervisedModelThatDecidedAndItsProbabilityAndNoneWhenNoneDid(DatabaseEngine engine)
            throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            long run = ExternalDecisions.startRun(test.database(), "test", CLOCK);
            try (ExternalDecisions store = ExternalDecisions.open(test.database(), run, CLOCK)) {
                store.append(List.of(
                        blocked("tx-supervised", Optional.of("sl-alert0001"), Optional.of(0.98765)),
                        blocked("tx-rules-alone", Optional.empty(), Optional.empty())));
            }
            Alerts alerts = new Alerts(test.database(), CLOCK);

            Map<String, AlertDetail> details =
                    alerts.list(new Filter(null, null, null, null, null, null), 10, 0).stream()
                            .map(summary -> alerts.get(summary.alertId()).orElseThrow())
                            .collect(Collectors.toMap(detail -> detail.alert().transactionId(), detail -> detail));

            assertThat(details.get("tx-supervised").supervisedModelVersion()).isEqualTo("sl-alert0001");
            assertThat(details.get("tx-supervised").fraudProbability()).isEqualTo(new BigDecimal("0.9876"));
            assertThat(details.get("tx-rules-alone").supervisedModelVersion()).isNull();
            assertThat(details.get("tx-rules-alone").fraudProbability()).isNull();
        }
    }

    private static ExternalDecision blocked(String id, Optional<String> supervised, Optional<Double> probability) {
        Transaction tx = Transaction.builder(id, AT.minusSeconds(60), "acct-1", new BigDecimal("90000.00"))
                .build();
        return new ExternalDecision(
                tx,
                0.95,
                RiskLevel.HIGH,
                Recommendation.BLOCK,
                List.of("HUGE_TRANSFER"),
                "rules-v1",
                Optional.empty(),
                Optional.empty(),
                0.6,
                supervised,
                probability);
    }
}
