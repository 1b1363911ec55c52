package io.txmon.transaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns the text of a record's fields into a {@link Transaction}, applying the data contract (docs/file-formats.md, "Transactions"): optional fields
 * that are absent or empty mean "not given", the currency defaults to the base currency, the type to
 * {@code CARD}. Every file reader and API shares it, so a record means the same everywhere.
 */
public final class TransactionParser {
    /**
     * The code of the base currency every door uses unless configured otherwise: {@code score}, {@code ingest}
     * and {@code convert} ({@code --base-currency}), and {@code serve} ({@code txmon.base-currency}). USD, the
     * currency of the public data sets' converters and of the command line since its first version.
     */
    public static final String DEFAULT_BASE_CURRENCY_CODE = "USD";

    /** {@link #DEFAULT_BASE_CURRENCY_CODE} as a currency. */
    public static final Currency DEFAULT_BASE_CURRENCY = Currency.getInstance(DEFAULT_BASE_CURRENCY_CODE);

    private final Currency baseCurrency;
    private final LongAdder roundedAmounts = new LongAdder();

    public TransactionParser(Currency baseCurrency) {
        this.baseCurrency = Objects.requireNonNull(baseCurrency, "baseCurrency");
    }

    /** The currency an amount is in when its record does not say. */
    public Currency baseCurrency() {
        return baseCurrency;
    }

    /**
     * How many records' amounts this parser rounded, as the text of a binary float's rendering of an amount in
     * the currency's minor units ({@code 914.1500000000001} read as {@code 914.15}). Use one parser per file or
     * run to count theirs.
     */
    public long roundedAmounts() {
        return roundedAmounts.sum();
    }

    /**
     * The amount as written; or, when it has more decimal places than the contract allows but is a float's
     * rendering of an amount in the currency's minor units, that amount. Anything else is left for
     * {@link Transaction} to reject as before.
     */
    private BigDecimal amountIn(BigDecimal amount, Currency currency) {
        if (amount.scale() <= Transaction.MAX_AMOUNT_SCALE
                || amount.stripTrailingZeros().scale() <= Transaction.MAX_AMOUNT_SCALE) {
            return amount;
        }
        BigDecimal rendered = FloatRenderings.amountRenderedBy(amount, currency);
        if (rendered == null) {
            return amount;
        }
        roundedAmounts.increment();
        return rendered;
    }

    /**
     * Parses one record.
     *
     * @throws InvalidFieldException naming the first field that breaks the contract
     */
    public Transaction parse(FieldSource fields) {
        String transactionId = required(fields, "transaction_id");
        Instant timestamp = instant("timestamp", required(fields, "timestamp"));
        String userId = required(fields, "user_id");
        BigDecimal amount = decimal("amount", required(fields, "amount"));
        String currencyCode = text(fields, "currency");
        Currency currency = currencyCode == null ? baseCurrency : currency(currencyCode);
        return new Transaction(
                transactionId,
                timestamp,
                userId,
                amountIn(amount, currency),
                currency,
                enumValue(TransactionType.class, "type", text(fields, "type"), TransactionType.CARD),
                text(fields, "counterparty_id"),
                text(fields, "merchant_id"),
                text(fields, "merchant_type"),
                text(fields, "location"),
                upper(text(fields, "country")),
                enumValue(Channel.class, "channel", text(fields, "channel"), null),
                text(fields, "device_id"));
    }

    /**
     * The record's event time alone, as {@link #parse} reads it.
     *
     * @throws InvalidFieldException when the timestamp is missing or malformed
     */
    public Instant timestamp(FieldSource fields) {
        return instant("timestamp", required(fields, "timestamp"));
    }

    /** The field's text with surrounding blanks removed, or {@code null} when absent or empty. */
    static String text(FieldSource fields, String field) {
        String value = fields.get(field);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    static String required(FieldSource fields, String field) {
        String value = text(fields, field);
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    /** Accepts an ISO-8601 instant ({@code 2026-01-14T15:00:00Z}) or a date-time with an offset. */
    static Instant instant(String field, String text) {
        Instant canonical = canonicalUtc(text);
        if (canonical != null) {
            return canonical;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(
                    field, "must be an ISO-8601 instant such as 2026-01-14T15:00:00Z, was '" + abbreviate(text) + "'");
        }
    }

    /**
     * The instant of {@code text} in the canonical UTC form {@code 2026-01-14T15:00:00Z} (with up to nine decimals
     * of a second), or null for any other text, which the formatter then judges. Written by hand because nearly
     * every file uses this form and the formatter took a sixth of the CPU of a million-transaction ingest; it
     * accepts only what the formatter accepts, and gives the same instant.
     */
    static Instant canonicalUtc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z') {
            return null;
        }
        if (text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static BigDecimal decimal(String field, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a decimal number, was '" + abbreviate(text) + "'");
        }
    }

    private static Currency currency(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        if (upper.length() == 3) {
            try {
                return Currency.getInstance(upper);
            } catch (IllegalArgumentException e) {
                // falls through to the contract's message
            }
        }
        throw new InvalidFieldException("currency", "must be an ISO 4217 code, was '" + abbreviate(code) + "'");
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, String text, E absent) {
        if (text == null) {
            return absent;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
            }
            throw new InvalidFieldException(field, "must be one of " + allowed + ", was '" + abbreviate(text) + "'");
        }
    }

    static String upper(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    /** Keeps error messages readable when the offending value is a megabyte of garbage. */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
