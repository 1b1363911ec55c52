package io.txmon.payments;

import static io.txmon.testkit.InvalidFields.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentIdempotencyTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    private static PaymentRequest aliceToBob(String amount) {
        return new PaymentRequest("alice", "bob", new BigDecimal(amount), EUR);
    }

    @Test
    void aRequestHasOneFingerprintWhateverWayItsAmountIsWritten() {
        String fingerprint = PaymentIdempotency.fingerprint(aliceToBob("40.5"));

        assertThat(PaymentIdempotency.fingerprint(aliceToBob("40.50"))).isEqualTo(fingerprint);
        assertThat(fingerprint)
                .isEqualTo("05dd7cb2ef04f8e44024e35eae9aa345acbef05adfccd8de2174611766a7a3d8")
                .isNotEqualTo(PaymentIdempotency.fingerprint(aliceToBob("40.51")))
                .isNotEqualTo(PaymentIdempotency.fingerprint(new PaymentRequest("bob", "alice", BigDecimal.TEN, EUR)));
    }

    @Test
    void thePaymentIdFollowsFromTheKeyAloneAsItAlwaysHas() {
        assertThat(PaymentIdempotency.paymentId("k-1"))
                .isEqualTo("f0359386-dc86-370a-96ac-a3707f073068")
                .isEqualTo(PaymentIdempotency.paymentId("k-1"))
                .isNotEqualTo(PaymentIdempotency.paymentId("k-2"));
    }

    @Test
    void theScreenedTransactionIdFollowsFromKeyAndFingerprintSoARetryFindsItsFirstDecision() {
        String fingerprint = PaymentIdempotency.fingerprint(aliceToBob("40.50"));

        assertThat(PaymentIdempotency.transactionId("k-1", fingerprint))
                .isEqualTo("pay_7dbb29b5dabea8c292574babf206bd4eb11083ee")
                .isNotEqualTo(PaymentIdempotency.transactionId("k-2", fingerprint))
                .isNotEqualTo(
                        PaymentIdempotency.transactionId("k-1", PaymentIdempotency.fingerprint(aliceToBob("40.51"))));
    }

    @Test
    void theSameKeyWithTheSameRequestIsAReplayAndWithAnotherAConflictNamingThePayment() {
        String first = PaymentIdempotency.fingerprint(aliceToBob("10"));

        assertThatCode(() -> PaymentIdempotency.requireReplay(
                        first, PaymentIdempotency.fingerprint(aliceToBob("10.00")), "p-1"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PaymentIdempotency.requireReplay(
                        first, PaymentIdempotency.fingerprint(aliceToBob("11")), "p-1"))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("(p-1)")
                .hasMessageContaining("different payment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k", "550e8400-e29b-41d4-a716-446655440000", "order#42/~!"})
    void aKeyOfVisibleAsciiCharactersIsTakenAsItIs(String key) {
        assertThat(PaymentIdempotency.checkedKey(key)).isSameAs(key);
        assertThat(PaymentIdempotency.checkedKey("k".repeat(255))).hasSize(255);
    }

    @Test
    void aMissingLongOrInvisibleKeyIsRefusedNamingTheHeader() {
        assertInvalidField(() -> PaymentIdempotency.checkedKey(null), "Idempotency-Key", "the header is required");
        assertInvalidField(() -> PaymentIdempotency.checkedKey(" "), "Idempotency-Key", "the header is required");
        assertInvalidField(
                () -> PaymentIdempotency.checkedKey("k".repeat(256)),
                "Idempotency-Key",
                "is 256 characters long, the limit is 255");
        assertInvalidField(() -> PaymentIdempotency.checkedKey("a b"), "Idempotency-Key", "U+0020 at position 2");
        assertInvalidField(() -> PaymentIdempotency.checkedKey("ké"), "Idempotency-Key", "U+00E9 at position 2");
    }
}
