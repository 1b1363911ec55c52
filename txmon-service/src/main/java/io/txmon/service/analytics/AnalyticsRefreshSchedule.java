package io.txmon.service.analytics;

import io.txmon.analytics.AnalyticsRefresh;
import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Takes newly stored transactions into the analytics tables every {@code txmon.analytics.refresh-every}. */
@Component
class AnalyticsRefreshSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRefreshSchedule.class);

    private final AnalyticsRefresh refresh;

    AnalyticsRefreshSchedule(Database database) {
        this.refresh = new AnalyticsRefresh(database);
    }

    @Scheduled(
            fixedDelayString = "${txmon.analytics.refresh-every:30s}",
            initialDelayString = "${txmon.analytics.refresh-every:30s}")
    void refresh() {
        try {
            var result = refresh.refresh();
            if (result.newTransactions() > 0) {
                LOG.info("analytics refreshed: {} new transactions", result.newTransactions());
            }
        } catch (StorageException e) {
            LOG.error("analytics refresh failed: {}", e.getMessage());
        }
    }
}
