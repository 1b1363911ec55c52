package io.txmon.transaction;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private static final Instant NOON = Instant.parse("2026-01-14T12:00:00Z");
    private static final BigDecimal TEN = BigDecimal.TEN;

    @Test
    void refusesEventTimesBeyondTheYear9999OrBefore1900NamingTheTimestamp() {
        for (String time : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
            assertThatThrownBy(() -> Transaction.builder("t1", Instant.parse(time), "u1", TEN)
                            .build())
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageStartingWith("timestamp: must be from 1900-01-01T00:00:00Z");
        }
    }

    @Test
    void refusesIdsThatAreNotIdentifiersNamingTheField() {
        assertThatThrownBy(() -> Transaction.builder("t 1", NOON, "u1", TEN).build())
                .hasMessageStartingWith("transaction_id: may hold only");
        assertThatThrownBy(() -> Transaction.builder("t1", NOON, "u<1>", TEN).build())
                .hasMessageStartingWith("user_id: may hold only");
        assertThatThrownBy(() -> Transaction.builder("t1", NOON, "u1", TEN)
                        .type(TransactionType.TRANSFER)
                        .counterpartyId("u\"2")
                        .build())
                .hasMessageStartingWith("counterparty_id: may hold only");
        assertThatThrownBy(() -> Transaction.builder("t1", NOON, "u1", TEN)
                        .merchantId("m#1")
                        .build())
                .hasMessageStartingWith("merchant_id: may hold only");
        assertThatThrownBy(() -> Transaction.builder("t1", NOON, "u1", TEN)
                        .deviceId("d\u00001")
                        .build())
                .hasMessageStartingWith("device_id: may hold only");
    }

    @Test
    void refusesAnAccountOpenedAtATimeOutsideTheRange() {
        assertThatThrownBy(() -> new Account("u1", Instant.parse("+999999999-12-31T23:59:59Z"), null, null, null, null))
                .hasMessageStartingWith("opened_at: must be from 1900");
        assertThatThrownBy(() -> Account.unknown("u{1}")).hasMessageStartingWith("user_id: may hold only");
    }
}
