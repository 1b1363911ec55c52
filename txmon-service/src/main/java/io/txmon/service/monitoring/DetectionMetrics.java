package io.txmon.service.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.txmon.ingest.Detection;
import io.txmon.scoring.RiskLevel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The detection metrics under the names docs/service.md lists ("Documentation, metrics and health"): {@code transactions_processed_total} by {@code risk_level}, and
 * the {@code scoring_latency_seconds} histogram (request to stored answer), plus alerts opened.
 */
@Component
public class DetectionMetrics {
    private final MeterRegistry registry;
    private final Map<RiskLevel, Counter> processed = new ConcurrentHashMap<>();
    private final Counter alerts;
    private final Timer latency;

    public DetectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.alerts = Counter.builder("alerts.opened")
                .description("Alerts opened for REVIEW and BLOCK decisions")
                .register(registry);
        this.latency = Timer.builder("scoring.latency")
                .description("From receiving a transaction to answering with its stored decision")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** Counts a stored decision; called on the writing thread. */
    public void stored(Detection detection) {
        processed
                .computeIfAbsent(detection.decision().riskLevel(), level -> Counter.builder("transactions.processed")
                        .description("Transactions decided and stored, by risk level")
                        .tag("risk_level", level.name())
                        .register(registry))
                .increment();
        if (detection.decision().opensAlert()) {
            alerts.increment();
        }
    }

    /** Records how long answering one transaction took. */
    public void answered(Duration took) {
        latency.record(took);
    }
}
