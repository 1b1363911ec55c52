package io.txmon.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTest {
    @Test
    void anH2UrlWithoutAWriteDelayIsOpenedWithEveryCommitWrittenBeforeItReturns() {
        assertThat(Database.connectionUrl("jdbc:h2:file:./data/txmon"))
                .startsWith("jdbc:h2:file:./data/txmon;")
                .contains(";WRITE_DELAY=0")
                .contains(";MODE=PostgreSQL")
                .contains(";CACHE_SIZE=262144")
                .contains(";LOCK_TIMEOUT=10000");
    }

    @Test
    void anH2UrlKeepsTheWriteDelayItsUserSetExplicitly() {
        String url = Database.connectionUrl("jdbc:h2:file:/var/txmon/db;write_delay=1000");

        assertThat(url).contains(";write_delay=1000").doesNotContain("WRITE_DELAY=0");
    }

    @Test
    void anH2UrlKeepsEachSettingItsUserSetAndGetsTheOthers() {
        String url = Database.connectionUrl("jdbc:h2:file:/var/txmon/db;CACHE_SIZE=1024;LOCK_TIMEOUT=50");

        assertThat(url)
                .isEqualTo("jdbc:h2:file:/var/txmon/db;CACHE_SIZE=1024;LOCK_TIMEOUT=50;" + Database.H2_POSTGRESQL_MODE
                        + ";WRITE_DELAY=0");
    }

    @Test
    void aPostgresqlUrlIsUsedAsGiven() {
        String url = "jdbc:postgresql://127.0.0.1:5432/txmon?user=txmon";

        assertThat(Database.connectionUrl(url)).isEqualTo(url);
    }
}
