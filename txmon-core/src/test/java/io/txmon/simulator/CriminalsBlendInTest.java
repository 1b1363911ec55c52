package io.txmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * No label leakage: whatever a suspicious transaction carries besides its pattern (where, at which
 * merchant, of what kind, which cents), ordinary transactions carry too.
 */
class CriminalsBlendInTest {
    private final SimulatedData data = Worlds.defaultWorld();

    @Test
    void criminalsActOnlyInCitiesWhereHonestCustomersAlsoPay() {
        assertThat(suspiciousOnly(Transaction::location)).isEmpty();
        assertThat(suspiciousOnly(Transaction::country)).isEmpty();
    }

    @Test
    void criminalsPayOnlyKindsOfMerchantHonestCustomersAlsoPay() {
        assertThat(suspiciousOnly(Transaction::merchantType)).isEmpty();
    }

    @Test
    void criminalsMostlyPayMerchantsHonestCustomersAlsoPay() {
        // A copied card used far from home may be the bank's only customer at a shop that month, as in
        // real data; otherwise criminals shop where everyone shops.
        Set<String> onlyCriminals = suspiciousOnly(Transaction::merchantId);
        long suspiciousCardPayments = 0;
        long atSuchMerchants = 0;
        for (int i = 0; i < data.transactions().size(); i++) {
            Transaction transaction = data.transactions().get(i);
            if (data.labels().get(i).suspicious() && transaction.merchantId() != null) {
                suspiciousCardPayments++;
                atSuchMerchants += onlyCriminals.contains(transaction.merchantId()) ? 1 : 0;
            }
        }

        assertThat((double) atSuchMerchants / suspiciousCardPayments).isLessThan(0.15);
    }

    @Test
    void everyKindAndChannelOfSuspiciousTransactionAlsoHappensHonestly() {
        assertThat(suspiciousOnly(transaction -> transaction.type() + "/" + transaction.channel()))
                .isEmpty();
    }

    @Test
    void suspiciousTransfersAreAsOftenWholeAmountsAsHonestOnes() {
        double suspicious = wholeShare(true);
        double ordinary = wholeShare(false);

        assertThat(suspicious).isBetween(ordinary - 0.15, ordinary + 0.15);
    }

    /** Of the transfers people make online, the share in whole currency units. */
    private double wholeShare(boolean suspicious) {
        long whole = 0;
        long all = 0;
        for (int i = 0; i < data.transactions().size(); i++) {
            Transaction transaction = data.transactions().get(i);
            if (data.labels().get(i).suspicious() == suspicious
                    && transaction.channel() != null
                    && transaction.counterpartyId() != null) {
                all++;
                whole += transaction.amount().remainder(BigDecimal.ONE).signum() == 0 ? 1 : 0;
            }
        }
        return (double) whole / all;
    }

    /** The values of a field that only suspicious transactions carry. */
    private Set<String> suspiciousOnly(Function<Transaction, String> field) {
        Set<String> honest = new HashSet<>();
        Set<String> criminal = new HashSet<>();
        List<Transaction> transactions = data.transactions();
        for (int i = 0; i < transactions.size(); i++) {
            String value = field.apply(transactions.get(i));
            if (value != null) {
                (data.labels().get(i).suspicious() ? criminal : honest).add(value);
            }
        }
        criminal.removeAll(honest);
        return criminal;
    }
}
