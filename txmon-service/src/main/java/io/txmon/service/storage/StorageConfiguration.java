package io.txmon.service.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.service.TxmonProperties;
import io.txmon.service.monitoring.DetectionMetrics;
import io.txmon.storage.ActiveRuleSet;
import io.txmon.storage.Database;
import io.txmon.storage.DecisionSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database (one JDBC URL: {@code --db}, {@code TXMON_DB_URL} or the embedded default) and what runs on it. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(TxmonProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Database.connectionUrl(properties.db().url()));
        config.setMaximumPoolSize(properties.db().poolSize());
        config.setPoolName("txmon");
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    @Bean
    Database database(HikariDataSource dataSource) {
        return Database.open(dataSource, dataSource.getJdbcUrl());
    }

    /**
     * What decides from the start ({@link DecisionSetup}, as every other door finds it): the active rule set kept in
     * the database (or, when it no longer loads, the version before it, loudly), else the shipped defaults, which are
     * then kept as the first version; and the model scoring uses. {@code txmon.rules} (a rule file) is activated
     * first, as {@code PUT /rules} would.
     */
    @Bean
    DecisionSetup startingSetup(Database database, Clock clock, TxmonProperties properties) {
        Optional<Path> rules = properties.startingRuleFile();
        if (rules.isPresent()) {
            ActiveRuleSet.activate(
                    database, readRuleFile(rules.get()), rules.get().toString(), "txmon serve", clock.instant());
        }
        return DecisionSetup.resolve(database, "txmon serve", clock.instant());
    }

    private static String readRuleFile(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the rule file " + path + ": " + e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    OnlineIngestion onlineIngestion(
            Database database,
            DecisionSetup startingSetup,
            Clock clock,
            DetectionMetrics metrics,
            TxmonProperties properties) {
        // The supervised champion of the registry (docs/supervised-model.md) decides beside the rules and the forest,
        // as the decision log reads it when it opens. The entity states learn stored labels as they become known;
        // undated ones the same delay after their transaction as retraining takes (txmon.retraining.label-delay).
        return OnlineIngestion.start(
                database, startingSetup, properties.retraining().labelDelay(), clock, metrics::stored);
    }
}
