package io.txmon.service.monitoring;

import io.txmon.ingest.OnlineIngestion;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Down once online ingestion has stopped on a failed write: then only a restart brings it back. */
@Component("ingestion")
class IngestionHealth implements HealthIndicator {
    private final OnlineIngestion ingestion;

    IngestionHealth(OnlineIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public Health health() {
        return ingestion
                .failure()
                .map(e -> Health.down()
                        .withDetail("reason", "ingestion stopped; restart the service")
                        .build())
                .orElseGet(() ->
                        Health.up().withDetail("run_id", ingestion.runId()).build());
    }
}
