package io.txmon.payments;

import io.txmon.transaction.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Idempotent payments: an {@code Idempotency-Key} is bound to the fingerprint of the request first sent with it. The
 * payment's id follows from the key alone and the screened transaction's id from key and fingerprint, so that a
 * request retried after a crash between screening and posting finds its first decision instead of being scored
 * twice. The same key again with the same request is a replay, answered with that payment; with another request, a
 * conflict.
 */
final class PaymentIdempotency {
    /** Longest key taken. */
    static final int MAX_KEY_LENGTH = 255;

    private PaymentIdempotency() {}

    /**
     * {@code key} itself when it is 1 to {@value #MAX_KEY_LENGTH} visible ASCII characters ({@code !} to {@code ~}):
     * what every HTTP stack carries unchanged in a header, so that a retry through another client or proxy sends the
     * same bytes and finds its payment. A UUID, an order number or a hash fits.
     *
     * @throws InvalidFieldException naming the header when the key is missing or not such a string
     */
    static String checkedKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidFieldException(
                    "Idempotency-Key", "the header is required: a unique string per payment, such as a UUID");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidFieldException(
                    "Idempotency-Key", "is " + key.length() + " characters long, the limit is " + MAX_KEY_LENGTH);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new InvalidFieldException(
                        "Idempotency-Key",
                        "may hold only visible ASCII characters (! to ~, no spaces), and has "
                                + String.format("U+%04X", (int) c) + " at position " + (i + 1));
            }
        }
        return key;
    }

    /**
     * The same request, whatever way its amount was written (10, 10.0, "10.00"): what a key is bound to, as 64
     * hexadecimal digits.
     */
    static String fingerprint(PaymentRequest request) {
        return sha256Hex(request.fromAccount() + "\n" + request.toAccount() + "\n"
                + request.amount().stripTrailingZeros().toPlainString() + "\n"
                + request.currency().getCurrencyCode());
    }

    /** The payment's id follows from its key alone. */
    static String paymentId(String key) {
        return UUID.nameUUIDFromBytes(("txmon-payment\n" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The screened transaction's id follows from key and request, so a retry finds its first decision. */
    static String transactionId(String key, String fingerprint) {
        return "pay_" + sha256Hex(key + "\n" + fingerprint).substring(0, 40);
    }

    /**
     * Checks that the payment {@code paymentId}, kept under the request's key with {@code keptFingerprint}, was made
     * for this request ({@code fingerprint}): then the request is a replay, answered with that payment.
     *
     * @throws IdempotencyConflictException when the key was used for a different request
     */
    static void requireReplay(String keptFingerprint, String fingerprint, String paymentId) {
        if (!keptFingerprint.equals(fingerprint)) {
            throw new IdempotencyConflictException(paymentId);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
