package io.txmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    @Test
    void theSecondsAndMinutesOfATimestampSayNothingAboutTheLabel() {
        assertThat(heldOutAuc(transaction -> transaction.timestamp().getEpochSecond() % 60))
                .isBetween(0.45, 0.55);
        assertThat(heldOutAuc(transaction -> transaction.timestamp().getEpochSecond() / 60 % 60))
                .isBetween(0.45, 0.55);
    }

    @Test
    void theDigitsOfTransactionIdsSayNothingAboutTheLabel() {
        assertThat(heldOutAuc(transaction -> transaction.transactionId().charAt(4)))
                .isBetween(0.45, 0.55);
        assertThat(heldOutAuc(transaction -> transaction.transactionId().charAt(19)))
                .isBetween(0.45, 0.55);
    }

    @Test
    void theDigitsOfAccountIdsSayNothingAboutWhetherTheAccountTakesPartInATypology() {
        // Judged per account, not per transaction: one busy suspicious account would otherwise weigh
        // as much as hundreds of honest ones.
        Map<String, Boolean> involved = new TreeMap<>();
        for (int i = 0; i < data.transactions().size(); i++) {
            Transaction transaction = data.transactions().get(i);
            boolean suspicious = data.labels().get(i).suspicious();
            involved.merge(transaction.userId(), suspicious, Boolean::logicalOr);
            if (transaction.counterpartyId() != null) {
                involved.merge(transaction.counterpartyId(), suspicious, Boolean::logicalOr);
            }
        }
        List<String> accounts = new ArrayList<>(involved.keySet());
        List<Boolean> labels = accounts.stream().map(involved::get).toList();

        assertThat(heldOutAuc(accounts.stream().map(id -> (Object) id.charAt(5)).toList(), labels))
                .isBetween(0.45, 0.55);
        assertThat(heldOutAuc(
                        accounts.stream().map(id -> (Object) id.charAt(20)).toList(), labels))
                .isBetween(0.45, 0.55);
    }

    @Test
    void theMeasureOfLeakageSeesARealSignalWhenThereIsOne() {
        // Transfers and cash are far more often suspicious than card payments: a pattern, not an artefact.
        assertThat(heldOutAuc(transaction -> transaction.type() + "/" + transaction.channel()))
                .isGreaterThan(0.7);
    }

    /**
     * How well a field alone tells suspicious from ordinary: each value's suspicious rate is learnt on
     * half the transactions and scored, as a ROC AUC, on the other half. 0.5 means not at all.
     */
    private double heldOutAuc(Function<Transaction, Object> field) {
        List<Object> values = new ArrayList<>(data.transactions().size());
        List<Boolean> labels = new ArrayList<>(data.transactions().size());
        for (int i = 0; i < data.transactions().size(); i++) {
            values.add(field.apply(data.transactions().get(i)));
            labels.add(data.labels().get(i).suspicious());
        }
        return heldOutAuc(values, labels);
    }

    /** The same, for any items: values and labels side by side, alternate items learnt and scored. */
    private static double heldOutAuc(List<Object> values, List<Boolean> labels) {
        Map<Object, long[]> learnt = new HashMap<>();
        Map<Object, long[]> tested = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Map<Object, long[]> half = i % 2 == 0 ? learnt : tested;
            long[] counts = half.computeIfAbsent(values.get(i), value -> new long[2]);
            counts[labels.get(i) ? 1 : 0]++;
        }
        List<double[]> scored = new ArrayList<>();
        long positives = 0;
        long negatives = 0;
        for (Map.Entry<Object, long[]> entry : tested.entrySet()) {
            long[] seen = learnt.getOrDefault(entry.getKey(), new long[2]);
            double rate = (seen[1] + 1.0) / (seen[0] + seen[1] + 2.0);
            scored.add(new double[] {rate, entry.getValue()[1], entry.getValue()[0]});
            positives += entry.getValue()[1];
            negatives += entry.getValue()[0];
        }
        scored.sort(Comparator.comparingDouble(row -> row[0]));
        double pairs = 0;
        double negativesBelow = 0;
        for (int i = 0; i < scored.size(); ) {
            int j = i;
            double tiedPositives = 0;
            double tiedNegatives = 0;
            while (j < scored.size() && scored.get(j)[0] == scored.get(i)[0]) {
                tiedPositives += scored.get(j)[1];
                tiedNegatives += scored.get(j)[2];
                j++;
            }
            pairs += tiedPositives * (negativesBelow + tiedNegatives / 2);
            negativesBelow += tiedNegatives;
            i = j;
        }
        return pairs / ((double) positives * negatives);
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
