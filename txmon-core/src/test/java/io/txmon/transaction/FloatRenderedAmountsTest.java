package io.txmon.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An amount a program wrote from a binary float is read as the amount it meant; a real extra digit is not. */
class FloatRenderedAmountsTest {
    private static final Currency USD = Currency.getInstance("USD");

    private final TransactionParser parser = new TransactionParser(USD);

    private Transaction parse(String amount, String currency) {
        Map<String, String> fields = new HashMap<>();
        fields.put("transaction_id", "t1");
        fields.put("timestamp", "2026-01-14T15:00:00Z");
        fields.put("user_id", "u1");
        fields.put("amount", amount);
        fields.put("currency", currency);
        return parser.parse(fields::get);
    }

    @ParameterizedTest(name = "{0} {1} is read as {2}")
    @CsvSource({
        "914.1500000000001, USD, 914.15",
        "0.30000000000000004, USD, 0.30",
        "85.64999999999999, USD, 85.65",
        "369.90000000000003, EUR, 369.90",
        "1066.8000000000002, , 1066.80",
        "1000.0000000000001, JPY, 1000",
        "1.2345000000000002, CLF, 1.2345"
    })
    void readsAFloatsRenderingOfAnAmountAsThatAmountRoundedToTheCurrencysDecimals(
            String written, String currency, String meant) {
        Transaction transaction = parse(written, currency);

        assertThat(transaction.amount()).isEqualTo(new BigDecimal(meant));
        assertThat(parser.roundedAmounts()).isOne();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "914.1550001, USD",
        "1.0000001, USD",
        "1.1234567, USD",
        "0.30000000000000004, JPY",
        "914.1500000000001, JPY",
        "0.0000001, USD",
        "1E-999999999, USD",
        "914.1500000000001, XAU"
    })
    void rejectsRealExcessPrecisionWithTheErrorItHadBefore(String written, String currency) {
        assertThatThrownBy(() -> parse(written, currency))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("amount"))
                .hasMessageContaining("has more than 6 decimal places");
        assertThat(parser.roundedAmounts()).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"914.155, USD", "1.001, USD", "0.000001, USD", "12.50, USD", "1000.5, JPY", "914.15, USD"})
    void keepsEveryAmountTheContractAlreadyAcceptedAsWritten(String written, String currency) {
        assertThat(parse(written, currency).amount()).isEqualTo(new BigDecimal(written));
        assertThat(parser.roundedAmounts()).isZero();
    }

    @Test
    void countsEveryRecordWhoseAmountItRounded() {
        parse("914.1500000000001", "USD");
        parse("914.15", "USD");
        parse("0.30000000000000004", "USD");

        assertThat(parser.roundedAmounts()).isEqualTo(2);
    }

    @Test
    void anUnparseableAmountIsStillNamedBeforeAnUnknownCurrency() {
        assertThatThrownBy(() -> parse("abc", "ZZZ"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    }
}
