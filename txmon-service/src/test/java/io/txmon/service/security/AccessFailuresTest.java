package io.txmon.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockHttpServletRequest;

class AccessFailuresTest {
    private static final String KEY = "some-key-0123456789-abcdef";
    /** Beyond the addresses tracked, the 50 others share one window, which logs its first ten. */
    private static final int LINES_OF_THE_SHARED_WINDOW = AccessFailures.LINES_PER_WINDOW;

    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessFailures.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final AccessFailures failures = new AccessFailures(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @BeforeEach
    void listen() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(appender);
    }

    @Test
    void aRefusalIsAWarningNamingStatusMethodPathAddressAndTheKeysFingerprintButNotTheKey() {
        failures.refused(request("203.0.113.7", KEY), 403, "the key lacks the role");

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .isEqualTo("refused 403 PATCH /alerts/7 from 203.0.113.7 with API key " + ApiKeys.fingerprint(KEY)
                            + "...: the key lacks the role")
                    .doesNotContain(KEY);
        });
        assertThat(ApiKeys.fingerprint(KEY)).hasSize(8).matches("[0-9a-f]{8}");
    }

    @Test
    void anAddressGetsTenLinesAMinuteAndTheNextMinutesFirstLineCountsTheOnesLeftOut() {
        for (int i = 0; i < 25; i++) {
            failures.refused(request("203.0.113.7", null), 401, "no valid API key");
        }
        failures.refused(request("198.51.100.1", null), 401, "no valid API key");
        assertThat(appender.list).hasSize(AccessFailures.LINES_PER_WINDOW + 1);

        now = now.plus(AccessFailures.WINDOW);
        failures.refused(request("203.0.113.7", null), 401, "no valid API key");
        failures.refused(request("203.0.113.7", null), 401, "no valid API key");

        List<String> lines =
                appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(AccessFailures.LINES_PER_WINDOW + 3);
        assertThat(lines.get(AccessFailures.LINES_PER_WINDOW + 1))
                .endsWith("with no API key: no valid API key (15 earlier refusals from this address were not logged)");
        assertThat(lines.get(lines.size() - 1)).endsWith("with no API key: no valid API key");
    }

    @Test
    void aForgedLineBreakInThePathCannotStartALineOfItsOwn() {
        MockHttpServletRequest request = request("203.0.113.7", null);
        request.setRequestURI("/x\n2026-12-06 INFO all is well");

        failures.refused(request, 401, "no valid API key");

        assertThat(appender.list.get(0).getFormattedMessage())
                .contains("/x?2026-12-06")
                .doesNotContain("\n");
    }

    @Test
    void aFloodFromManyAddressesKeepsMemoryBoundedAndStillLogs() {
        for (int i = 0; i < AccessFailures.MAX_ADDRESSES + 50; i++) {
            failures.refused(request("10.0." + (i / 256) + "." + (i % 256), null), 401, "no valid API key");
        }
        assertThat(failures.addressesTracked()).isEqualTo(AccessFailures.MAX_ADDRESSES + 1);
        assertThat(appender.list).hasSize(AccessFailures.MAX_ADDRESSES + LINES_OF_THE_SHARED_WINDOW);

        now = now.plus(Duration.ofHours(1));
        failures.refused(request("192.0.2.1", null), 401, "no valid API key");

        assertThat(failures.addressesTracked()).isOne();
        assertThat(appender.list.get(appender.list.size() - 1).getFormattedMessage())
                .contains("from 192.0.2.1 ");
    }

    private static MockHttpServletRequest request(String address, String key) {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/alerts/7");
        request.setRemoteAddr(address);
        if (key != null) {
            request.addHeader(ApiKeyFilter.HEADER, key);
        }
        return request;
    }
}
