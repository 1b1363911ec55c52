package io.txmon.service.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.rules.RuleSet;
import io.txmon.service.TxmonProperties;
import io.txmon.service.monitoring.DetectionMetrics;
import io.txmon.storage.ActiveRuleSet;
import io.txmon.storage.Database;
import io.txmon.storage.StoredRuleSets;
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
     * The rule set to start with: the active one kept in the database (or, when it no longer loads, the version
     * before it, loudly), else {@code txmon.rules} (a rule file) or the shipped defaults, which is then kept as the
     * first version.
     */
    @Bean
    ActiveRuleSet startingRuleSet(Database database, Clock clock, TxmonProperties properties) {
        Optional<Path> rules = properties.startingRuleFile();
        if (rules.isEmpty()) {
            return ActiveRuleSet.resolve(database, "txmon serve", clock.instant());
        }
        String text = readRuleFile(rules.get());
        RuleSet start = RuleFile.parse(text, rules.get().toString());
        new StoredRuleSets(database)
                .saveAndActivate(start.version(), start.name(), text, start.size(), "txmon serve", clock.instant());
        return new ActiveRuleSet(start, Optional.empty());
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
            Database database, ActiveRuleSet startingRules, Clock clock, DetectionMetrics metrics) {
        return OnlineIngestion.start(database, startingRules.rules(), clock, metrics::stored);
    }
}
