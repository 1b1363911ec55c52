package io.txmon.service.payments;

import io.txmon.alerts.Alerts;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.payments.LedgerAccounts;
import io.txmon.payments.Payments;
import io.txmon.service.TxmonProperties;
import io.txmon.storage.Database;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Payments screened by the service's one decision path, and the alert queue whose reviews settle held payments.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {
    @Bean
    LedgerAccounts ledgerAccounts(Database database, Clock clock) {
        return new LedgerAccounts(database, clock);
    }

    @Bean
    Payments payments(Database database, Clock clock, OnlineIngestion ingestion, TxmonProperties properties) {
        Duration timeout = properties.detect().timeout();
        return new Payments(database, clock, transfer -> ingestion.decide(transfer, timeout));
    }

    @Bean
    Alerts alerts(Database database, Clock clock, Payments payments) {
        return new Alerts(database, clock, payments.settlement());
    }
}
