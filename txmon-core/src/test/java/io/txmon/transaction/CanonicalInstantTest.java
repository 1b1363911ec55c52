package io.txmon.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CanonicalInstantTest {
    @Test
    void readsEveryCanonicalUtcTimestampAsTheFormatterDoes() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            String text = canonical(instant, random.nextInt(10));

            assertThat(TransactionParser.canonicalUtc(text))
                    .as(text)
                    .isEqualTo(formatter(text).orElseThrow());
        }
    }

    @Test
    void leavesEveryOtherTextToTheFormatterAndAcceptsNothingItRefuses() {
        String[] texts = {
            "2026-02-29T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z",
            "2026-01-00T00:00:00Z",
            "2026-01-14T24:00:00Z",
            "2026-01-14T15:60:00Z",
            "2026-01-14T15:00:60Z",
            "2026-01-14T15:00:00.Z",
            "2026-01-14T15:00:00.1234567891Z",
            "2026-01-14t15:00:00Z",
            "2026-01-14T15:00:00z",
            "2026-01-14T15:00Z",
            "2026-01-14 15:00:00Z",
            "+2026-01-14T15:00:00Z",
            "2026-1-14T15:00:00Z",
            "2026-01-14T15:00:00+00:00",
            "2026-01-14T15:00:0xZ",
            "2026-01-14T15:00:00.12a4Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z"
        };
        for (String text : texts) {
            Instant fast = TransactionParser.canonicalUtc(text);
            Optional<Instant> slow = formatter(text);
            if (fast != null) {
                assertThat(slow).as(text).contains(fast);
            }
            assertThat(parses(text)).as(text).isEqualTo(slow.isPresent());
            slow.ifPresent(expected -> assertThat(TransactionParser.instant("timestamp", text))
                    .as(text)
                    .isEqualTo(expected));
        }
    }

    private static boolean parses(String text) {
        try {
            TransactionParser.instant("timestamp", text);
            return true;
        } catch (InvalidFieldException e) {
            return false;
        }
    }

    private static String canonical(Instant instant, int fractionDigits) {
        String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
        if (fractionDigits == 0) {
            return text;
        }
        String nanos = String.format(Locale.ROOT, "%09d", instant.getNano()).substring(0, fractionDigits);
        return text.substring(0, text.length() - 1) + "." + nanos + "Z";
    }

    private static Optional<Instant> formatter(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
