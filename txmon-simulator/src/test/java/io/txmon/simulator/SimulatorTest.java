package io.txmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountParser;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import io.txmon.transaction.TransactionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static final Currency GBP = Currency.getInstance("GBP");

    @Test
    void sameSeedAndSettingsGiveTheSameWorld() {
        SimulatedData first = Worlds.small(42);
        SimulatedData second = Worlds.small(42);

        assertThat(second.accounts()).isEqualTo(first.accounts());
        assertThat(second.transactions()).isEqualTo(first.transactions());
        assertThat(second.labels()).isEqualTo(first.labels());
    }

    @Test
    void differentSeedsGiveDifferentWorlds() {
        SimulatedData first = Worlds.small(42);
        SimulatedData second = Worlds.small(43);

        Set<String> firstAccounts = new HashSet<>();
        first.accounts().forEach(account -> firstAccounts.add(account.userId()));
        assertThat(second.accounts()).noneMatch(account -> firstAccounts.contains(account.userId()));
        assertThat(second.transactions().size())
                .isNotEqualTo(first.transactions().size());
    }

    @Test
    void everyTransactionHasExactlyOneLabelInTheSameOrder() {
        SimulatedData data = Worlds.defaultWorld();

        assertThat(data.labels()).hasSameSizeAs(data.transactions());
        for (int i = 0; i < data.transactions().size(); i++) {
            assertThat(data.labels().get(i).transactionId())
                    .isEqualTo(data.transactions().get(i).transactionId());
        }
        Set<String> ids = new HashSet<>();
        data.transactions().forEach(transaction -> ids.add(transaction.transactionId()));
        assertThat(ids).hasSize(data.transactions().size());
    }

    @Test
    void transactionsComeInTimeOrderWithinTheSimulatedPeriod() {
        SimulatedData data = Worlds.defaultWorld();
        Instant start = SimulationSettings.DEFAULT_START;
        Instant end = start.plusSeconds(30L * 86_400);

        List<Transaction> transactions = data.transactions();
        for (int i = 1; i < transactions.size(); i++) {
            assertThat(transactions.get(i).timestamp())
                    .isAfterOrEqualTo(transactions.get(i - 1).timestamp());
        }
        assertThat(transactions.get(0).timestamp()).isAfterOrEqualTo(start);
        assertThat(transactions.get(transactions.size() - 1).timestamp()).isBefore(end);
    }

    @Test
    void everyTransactionReadsBackUnchangedFromTheContractsTextForm() {
        SimulatedData data = Worlds.defaultWorld();
        TransactionParser parser = new TransactionParser(GBP);

        for (Transaction transaction : data.transactions()) {
            Map<String, String> fields = fields(transaction);
            assertThat(parser.parse(fields::get)).isEqualTo(transaction);
        }
    }

    @Test
    void everyAccountReadsBackUnchangedFromTheContractsTextForm() {
        SimulatedData data = Worlds.defaultWorld();
        AccountParser parser = new AccountParser();

        for (Account account : data.accounts()) {
            Map<String, String> fields = new HashMap<>();
            fields.put("user_id", account.userId());
            fields.put("opened_at", account.openedAt().toString());
            fields.put("account_type", account.accountType().name());
            fields.put("country", account.country());
            fields.put("city", account.city());
            fields.put("opening_balance", account.openingBalance().toPlainString());
            assertThat(parser.parse(fields::get)).isEqualTo(account);
        }
    }

    @Test
    void transactionsCarryTheFieldsTheirTypeNeedsAndCentsAtMost() {
        SimulatedData data = Worlds.defaultWorld();
        Set<String> bank = Worlds.accounts(data).keySet();

        for (Transaction transaction : data.transactions()) {
            assertThat(transaction.amount().scale()).isEqualTo(2);
            assertThat(transaction.currency()).isEqualTo(GBP);
            if (transaction.type() == TransactionType.TRANSFER) {
                assertThat(transaction.counterpartyId()).isNotNull().isNotEqualTo(transaction.userId());
                // The bank only sees transfers one of its own accounts takes part in.
                assertThat(bank.contains(transaction.userId()) || bank.contains(transaction.counterpartyId()))
                        .isTrue();
            } else {
                assertThat(transaction.counterpartyId()).isNull();
                assertThat(bank).contains(transaction.userId());
            }
            if (transaction.type() == TransactionType.CARD) {
                assertThat(transaction.merchantId()).isNotNull();
                assertThat(transaction.merchantType()).isNotNull();
            }
        }
    }

    @Test
    void suspiciousShareIsBetweenOneAndTwoPercentAtTheDefaults() {
        SimulatedData data = Worlds.defaultWorld();

        double share = (double) data.suspiciousCount() / data.transactions().size();

        assertThat(share).isBetween(0.01, 0.02);
    }

    @Test
    void aSuspiciousShareOfZeroGivesACleanWorld() {
        SimulatedData data = Simulator.simulate(SimulationSettings.builder()
                .seed(5)
                .customers(200)
                .days(10)
                .suspiciousShare(0)
                .build());

        assertThat(data.transactions()).isNotEmpty();
        assertThat(data.suspiciousCount()).isZero();
    }

    @Test
    void aHigherSuspiciousShareInjectsMore() {
        SimulatedData data = Simulator.simulate(SimulationSettings.builder()
                .seed(5)
                .customers(500)
                .days(14)
                .suspiciousShare(0.1)
                .build());

        double share = (double) data.suspiciousCount() / data.transactions().size();

        assertThat(share).isBetween(0.09, 0.11);
    }

    @Test
    void moreCustomersOrMoreDaysMakeProportionallyMoreTransactions() {
        int base = simulate(400, 10).transactions().size();
        int twiceTheCustomers = simulate(800, 10).transactions().size();
        int twiceTheDays = simulate(400, 20).transactions().size();

        assertThat((double) twiceTheCustomers / base).isBetween(1.7, 2.3);
        assertThat((double) twiceTheDays / base).isBetween(1.7, 2.3);
    }

    @Test
    void theSmallestWorldStillSimulates() {
        SimulatedData data = simulate(SimulationSettings.MIN_CUSTOMERS, 1);

        assertThat(data.accounts()).hasSizeGreaterThan(SimulationSettings.MIN_CUSTOMERS);
        assertThat(data.transactions()).isNotEmpty();
    }

    @Test
    void aPeriodAcrossTheSummerTimeChangeKeepsLocalRhythms() {
        SimulatedData data = Simulator.simulate(SimulationSettings.builder()
                .seed(3)
                .customers(200)
                .days(10)
                .start(Instant.parse("2026-03-25T00:00:00Z"))
                .build());

        assertThat(data.transactions().get(0).timestamp()).isAfterOrEqualTo(Instant.parse("2026-03-25T00:00:00Z"));
        assertThat(data.transactions().get(data.transactions().size() - 1).timestamp())
                .isBefore(Instant.parse("2026-04-04T00:00:00Z"));
    }

    @Test
    void theOrderOfTransactionsInTheSameSecondSaysNothingAboutTheirLabels() {
        SimulatedData data = Simulator.simulate(
                SimulationSettings.builder().seed(11).suspiciousShare(0.2).build());
        int suspiciousFirst = 0;
        int mixed = 0;
        List<Integer> group = new ArrayList<>();
        for (int i = 0; i <= data.transactions().size(); i++) {
            boolean sameSecond = i < data.transactions().size()
                    && !group.isEmpty()
                    && data.transactions()
                            .get(i)
                            .timestamp()
                            .equals(data.transactions().get(group.get(0)).timestamp());
            if (!sameSecond && !group.isEmpty()) {
                long suspicious = group.stream()
                        .filter(index -> data.labels().get(index).suspicious())
                        .count();
                if (suspicious > 0 && suspicious < group.size()) {
                    mixed++;
                    suspiciousFirst += data.labels().get(group.get(0)).suspicious() ? 1 : 0;
                }
                group.clear();
            }
            if (i < data.transactions().size()) {
                group.add(i);
            }
        }

        assertThat(mixed).isGreaterThan(100);
        assertThat((double) suspiciousFirst / mixed).isBetween(0.35, 0.65);
    }

    private static SimulatedData simulate(int customers, int days) {
        return Simulator.simulate(SimulationSettings.builder()
                .seed(Worlds.SEED)
                .customers(customers)
                .days(days)
                .build());
    }

    /** A transaction as text, the way a CSV or JSON record carries it (absent fields left out). */
    private static Map<String, String> fields(Transaction transaction) {
        Map<String, String> fields = new HashMap<>();
        fields.put("transaction_id", transaction.transactionId());
        fields.put("timestamp", transaction.timestamp().toString());
        fields.put("user_id", transaction.userId());
        fields.put("amount", transaction.amount().toPlainString());
        fields.put("currency", transaction.currency().getCurrencyCode());
        fields.put("type", transaction.type().name());
        fields.put("counterparty_id", transaction.counterpartyId());
        fields.put("merchant_id", transaction.merchantId());
        fields.put("merchant_type", transaction.merchantType());
        fields.put("location", transaction.location());
        fields.put("country", transaction.country());
        fields.put(
                "channel",
                transaction.channel() == null ? null : transaction.channel().name());
        fields.put("device_id", transaction.deviceId());
        return fields;
    }
}
