package io.txmon.service.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.rules.RuleSet;
import io.txmon.service.monitoring.DetectionMetrics;
import io.txmon.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
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
    HikariDataSource dataSource(
            @Value("${txmon.db.url:" + Database.DEFAULT_URL + "}") String url,
            @Value("${txmon.db.pool-size:16}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Database.connectionUrl(url));
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("txmon");
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    @Bean
    Database database(HikariDataSource dataSource) {
        return Database.open(dataSource, dataSource.getJdbcUrl());
    }

    /** The rule set to start with: {@code txmon.rules} (a rule file) or the shipped defaults. */
    @Bean
    RuleSet startingRules(@Value("${txmon.rules:}") String rules) {
        return rules.isBlank() ? RuleFile.defaults() : RuleFile.load(Path.of(rules));
    }

    @Bean(destroyMethod = "close")
    OnlineIngestion onlineIngestion(Database database, RuleSet startingRules, Clock clock, DetectionMetrics metrics) {
        return OnlineIngestion.start(database, startingRules, clock, metrics::stored);
    }
}
