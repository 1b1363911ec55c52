package io.txmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.storage.Database;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code txmon.*} binds from the names and environment variables documented in docs/service.md. */
class TxmonPropertiesTest {

    private static TxmonProperties bind(org.springframework.core.env.PropertySource<?> source) {
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate("txmon", TxmonProperties.class);
    }

    @Test
    void everySettingHasItsDocumentedDefaultWhenNothingIsConfigured() {
        TxmonProperties properties = bind(new MapPropertySource("none", Map.of()));

        assertThat(properties.baseCurrency()).isEqualTo(TransactionParser.DEFAULT_BASE_CURRENCY);
        assertThat(properties.baseCurrency().getCurrencyCode()).isEqualTo("USD");
        assertThat(properties.startingRuleFile()).isEmpty();
        assertThat(properties.apiKeys()).isEmpty();
        assertThat(properties.db().url()).isEqualTo(Database.DEFAULT_URL);
        assertThat(properties.db().poolSize()).isEqualTo(16);
        assertThat(properties.detect().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.inbox().folder()).isEmpty();
        assertThat(properties.inbox().cron()).isEqualTo("0 0 2 * * *");
        assertThat(properties.request().maxBytes()).isEqualTo(1_048_576L);
    }

    @Test
    void bindsThePropertyNamesTheServiceHasAlwaysRead() {
        TxmonProperties properties = bind(new MapPropertySource(
                "application.yml",
                Map.of(
                        "txmon.base-currency", "EUR",
                        "txmon.rules", "rules.yaml",
                        "txmon.api-keys", "k:ADMIN",
                        "txmon.db.url", "jdbc:postgresql://db/txmon",
                        "txmon.db.pool-size", "4",
                        "txmon.detect.timeout", "3s",
                        "txmon.inbox.path", "/var/inbox",
                        "txmon.inbox.cron", "0 0 * * * *",
                        "txmon.request.max-bytes", "2048")));

        assertThat(properties.baseCurrency()).isEqualTo(Currency.getInstance("EUR"));
        assertThat(properties.startingRuleFile()).contains(Path.of("rules.yaml"));
        assertThat(properties.apiKeys()).isEqualTo("k:ADMIN");
        assertThat(properties.db().url()).isEqualTo("jdbc:postgresql://db/txmon");
        assertThat(properties.db().poolSize()).isEqualTo(4);
        assertThat(properties.detect().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.inbox().folder()).contains(Path.of("/var/inbox"));
        assertThat(properties.inbox().cron()).isEqualTo("0 0 * * * *");
        assertThat(properties.request().maxBytes()).isEqualTo(2048L);
    }

    @Test
    void bindsTheEnvironmentVariablesDocumentedForThem() {
        TxmonProperties properties = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                        "TXMON_DB_URL", "jdbc:postgresql://db/txmon",
                        "TXMON_API_KEYS", "k:ADMIN",
                        "TXMON_INBOX_PATH", "/var/inbox",
                        "TXMON_BASE_CURRENCY", "GBP",
                        "TXMON_REQUEST_MAX_BYTES", "2048")));

        assertThat(properties.db().url()).isEqualTo("jdbc:postgresql://db/txmon");
        assertThat(properties.apiKeys()).isEqualTo("k:ADMIN");
        assertThat(properties.inbox().folder()).contains(Path.of("/var/inbox"));
        assertThat(properties.baseCurrency()).isEqualTo(Currency.getInstance("GBP"));
        assertThat(properties.request().maxBytes()).isEqualTo(2048L);
    }

    @Test
    void anEmptyInboxPathOrRuleFileMeansNone() {
        TxmonProperties properties =
                bind(new MapPropertySource("empty", Map.of("txmon.inbox.path", "", "txmon.rules", " ")));

        assertThat(properties.inbox().folder()).isEmpty();
        assertThat(properties.startingRuleFile()).isEmpty();
    }
}
