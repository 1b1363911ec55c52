package io.txmon.transaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * One money movement (docs/file-formats.md, "Transactions"). Optional fields are {@code null} when not given; the record
 * enforces the contract's limits, so a {@code Transaction} that exists is a valid one.
 *
 * @param transactionId unique id, an {@link Identifiers identifier}; the idempotency key everywhere
 * @param timestamp event time, within {@link EventTimes}' range
 * @param userId the account the money moves for: card holder, payer, depositor, withdrawer
 * @param amount exact amount in {@code currency} units, greater than zero
 * @param currency ISO 4217 currency of the amount
 * @param type how the money moves
 * @param counterpartyId receiving account of a {@link TransactionType#TRANSFER}, or {@code null}
 * @param merchantId merchant, or {@code null}
 * @param merchantType merchant category such as {@code electronics}, or {@code null}
 * @param location city, or {@code null}
 * @param country ISO 3166-1 alpha-2 country, or {@code null}
 * @param channel where it was made, or {@code null}
 * @param deviceId device, or {@code null}
 */
public record Transaction(
        String transactionId,
        Instant timestamp,
        String userId,
        BigDecimal amount,
        Currency currency,
        TransactionType type,
        String counterpartyId,
        String merchantId,
        String merchantType,
        String location,
        String country,
        Channel channel,
        String deviceId) {

    /** Longest id (transaction, user, counterparty, merchant, device) accepted; {@link Identifiers} says which. */
    public static final int MAX_ID_LENGTH = Identifiers.MAX_LENGTH;
    /** Longest free text (merchant type, location) accepted. */
    public static final int MAX_TEXT_LENGTH = 128;
    /** Most decimal places an amount may carry; storage keeps exactly this many. */
    public static final int MAX_AMOUNT_SCALE = 6;
    /** Most digits before the decimal point an amount may carry. */
    public static final int MAX_AMOUNT_INTEGER_DIGITS = 15;

    private static final int MAX_SHOWN_DIGITS = 40;

    public Transaction {
        Identifiers.require("transaction_id", transactionId);
        EventTimes.require("timestamp", timestamp);
        Identifiers.require("user_id", userId);
        requireAmount(amount);
        if (currency == null) {
            throw new InvalidFieldException("currency", "is required");
        }
        if (type == null) {
            throw new InvalidFieldException("type", "is required");
        }
        optionalIdentifier("counterparty_id", counterpartyId);
        optionalIdentifier("merchant_id", merchantId);
        optionalText("merchant_type", merchantType, MAX_TEXT_LENGTH);
        optionalText("location", location, MAX_TEXT_LENGTH);
        optionalIdentifier("device_id", deviceId);
        if (country != null && !Countries.isIsoAlpha2(country)) {
            throw new InvalidFieldException("country", "must be an ISO 3166-1 alpha-2 code, was '" + country + "'");
        }
    }

    /** The same transaction under {@code id} at {@code at}: a recorded world replayed on the wall clock. */
    public Transaction restamped(String id, Instant at) {
        return new Transaction(
                id,
                at,
                userId,
                amount,
                currency,
                type,
                counterpartyId,
                merchantId,
                merchantType,
                location,
                country,
                channel,
                deviceId);
    }

    /** The account that receives the money: the counterparty of a transfer, else none. */
    public String payeeAccount() {
        return type == TransactionType.TRANSFER ? counterpartyId : null;
    }

    /** Starts a transaction with its required fields; type {@code CARD} and currency USD unless set. */
    public static Builder builder(String transactionId, Instant timestamp, String userId, BigDecimal amount) {
        return new Builder(transactionId, timestamp, userId, amount);
    }

    /** A copy of this transaction to change a few fields of. */
    public Builder toBuilder() {
        return new Builder(transactionId, timestamp, userId, amount)
                .currency(currency)
                .type(type)
                .counterpartyId(counterpartyId)
                .merchantId(merchantId)
                .merchantType(merchantType)
                .location(location)
                .country(country)
                .channel(channel)
                .deviceId(deviceId);
    }

    private static void optionalIdentifier(String field, String value) {
        if (value != null) {
            Identifiers.require(field, value);
        }
    }

    static void optionalText(String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            throw new InvalidFieldException(field, "must be absent rather than empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidFieldException(
                    field, "is " + value.length() + " characters long, the limit is " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidFieldException(field, "contains a control character at position " + (i + 1));
            }
        }
    }

    private static void requireAmount(BigDecimal amount) {
        if (amount == null) {
            throw new InvalidFieldException("amount", "is required");
        }
        if (amount.signum() <= 0) {
            throw new InvalidFieldException("amount", "must be greater than zero, was " + shown(amount));
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > MAX_AMOUNT_SCALE) {
            throw new InvalidFieldException(
                    "amount", "has more than " + MAX_AMOUNT_SCALE + " decimal places: " + shown(amount));
        }
        if (stripped.precision() - stripped.scale() > MAX_AMOUNT_INTEGER_DIGITS) {
            throw new InvalidFieldException(
                    "amount", "has more than " + MAX_AMOUNT_INTEGER_DIGITS + " digits before the decimal point");
        }
    }

    /**
     * The amount for an error message: plain as typed, unless the plain form would be huge. The text
     * {@code -1E+999999999} is 13 characters, but its plain form is a billion digits and would exhaust
     * the heap while rejecting one record.
     */
    private static String shown(BigDecimal amount) {
        long digitsBeforePoint = (long) amount.precision() - amount.scale();
        boolean plainIsShort = amount.scale() <= MAX_SHOWN_DIGITS && digitsBeforePoint <= MAX_SHOWN_DIGITS;
        return TransactionParser.abbreviate(plainIsShort ? amount.toPlainString() : amount.toString());
    }

    /** Fluent construction for the many optional fields; validation happens in {@link #build()}. */
    public static final class Builder {
        private static final Currency USD = Currency.getInstance("USD");

        private final String transactionId;
        private final Instant timestamp;
        private final String userId;
        private final BigDecimal amount;
        private Currency currency = USD;
        private TransactionType type = TransactionType.CARD;
        private String counterpartyId;
        private String merchantId;
        private String merchantType;
        private String location;
        private String country;
        private Channel channel;
        private String deviceId;

        private Builder(String transactionId, Instant timestamp, String userId, BigDecimal amount) {
            this.transactionId = transactionId;
            this.timestamp = timestamp;
            this.userId = userId;
            this.amount = amount;
        }

        public Builder currency(Currency currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
            return this;
        }

        public Builder type(TransactionType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        public Builder counterpartyId(String counterpartyId) {
            this.counterpartyId = counterpartyId;
            return this;
        }

        public Builder merchantId(String merchantId) {
            this.merchantId = merchantId;
            return this;
        }

        public Builder merchantType(String merchantType) {
            this.merchantType = merchantType;
            return this;
        }

        public Builder location(String location) {
            this.location = location;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Builder channel(Channel channel) {
            this.channel = channel;
            return this;
        }

        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public Transaction build() {
            return new Transaction(
                    transactionId,
                    timestamp,
                    userId,
                    amount,
                    currency,
                    type,
                    counterpartyId,
                    merchantId,
                    merchantType,
                    location,
                    country,
                    channel,
                    deviceId);
        }
    }
}
