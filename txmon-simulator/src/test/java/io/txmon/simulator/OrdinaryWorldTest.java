package io.txmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.transaction.Account;
import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The ordinary world: its rhythms, its businesses, and the honest look-alikes of every typology. */
class OrdinaryWorldTest {
    private static final Pattern ACCOUNT_ID = Pattern.compile("acct_[0-9a-f]{16}");
    private static final Pattern MERCHANT_ID = Pattern.compile("merch_[0-9a-f]{16}");
    private static final Pattern DEVICE_ID = Pattern.compile("dev_[0-9a-f]{16}");
    private static final Pattern TRANSACTION_ID = Pattern.compile("txn_[0-9a-f]{16}");

    private final SimulatedData data = Worlds.defaultWorld();

    @Test
    void customersPayMostInTheDayAndEveningAndLeastBeforeDawn() {
        // London keeps UTC in January, so UTC hours are local hours for the bank's customers.
        long[] byHour = new long[24];
        for (Transaction transaction : Worlds.ordinary(data)) {
            if (transaction.channel() != null && "GB".equals(transaction.country())) {
                byHour[transaction.timestamp().atZone(ZoneOffset.UTC).getHour()]++;
            }
        }

        long beforeDawn = byHour[3] + byHour[4];
        long lunch = byHour[12] + byHour[13];
        long evening = byHour[17] + byHour[18];
        assertThat(lunch).isGreaterThan(6 * beforeDawn);
        assertThat(evening).isGreaterThan(6 * beforeDawn);
        assertThat(beforeDawn).isPositive();
    }

    @Test
    void someCustomersWorkNightsAndPayFarMoreAtNightThanOthers() {
        Map<String, long[]> cardHours = new HashMap<>();
        for (Transaction transaction : Worlds.ordinary(data)) {
            if (transaction.type() == TransactionType.CARD && transaction.channel() == Channel.POS) {
                int hour = transaction.timestamp().atZone(ZoneOffset.UTC).getHour();
                long[] counts = cardHours.computeIfAbsent(transaction.userId(), id -> new long[2]);
                counts[hour >= 22 || hour < 6 ? 0 : 1]++;
            }
        }

        long nightPeople = cardHours.values().stream()
                .filter(counts -> counts[0] + counts[1] >= 10 && counts[0] >= 0.3 * (counts[0] + counts[1]))
                .count();
        assertThat(nightPeople).isBetween(40L, 400L);
    }

    @Test
    void businessesAreLegitimatelyPaidByManyDistinctAccounts() {
        Set<String> businesses = Worlds.businesses(data);
        Map<String, Set<String>> payers = new HashMap<>();
        for (Transaction transaction : Worlds.ordinary(data)) {
            if (transaction.type() == TransactionType.TRANSFER && businesses.contains(transaction.counterpartyId())) {
                payers.computeIfAbsent(transaction.counterpartyId(), id -> new HashSet<>())
                        .add(transaction.userId());
            }
        }

        assertThat(payers.values().stream().filter(set -> set.size() >= 50)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(maxDistinctPerDay(Worlds.ordinary(data), false)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void businessesLegitimatelyPayManyAccountsInOneDay() {
        assertThat(maxDistinctPerDay(Worlds.ordinary(data), true)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void accountIdsHaveOneFormWhetherTheAccountIsSuspiciousOrNot() {
        Set<String> suspiciousForms = new HashSet<>();
        Set<String> ordinaryForms = new HashSet<>();
        for (int i = 0; i < data.transactions().size(); i++) {
            Transaction transaction = data.transactions().get(i);
            Set<String> forms = data.labels().get(i).suspicious() ? suspiciousForms : ordinaryForms;
            forms.add(form(transaction.userId()));
            if (transaction.counterpartyId() != null) {
                forms.add(form(transaction.counterpartyId()));
            }
            assertThat(transaction.transactionId()).matches(TRANSACTION_ID);
            if (transaction.merchantId() != null) {
                assertThat(transaction.merchantId()).matches(MERCHANT_ID);
            }
            if (transaction.deviceId() != null) {
                assertThat(transaction.deviceId()).matches(DEVICE_ID);
            }
        }

        assertThat(suspiciousForms).containsExactly("account");
        assertThat(ordinaryForms).containsExactly("account");
        assertThat(data.accounts())
                .allMatch(account -> ACCOUNT_ID.matcher(account.userId()).matches());
    }

    @Test
    void transactionIdsSayNothingAboutTimeOrder() {
        List<Transaction> transactions = data.transactions();
        long rising = 0;
        for (int i = 1; i < transactions.size(); i++) {
            rising += transactions
                                    .get(i)
                                    .transactionId()
                                    .compareTo(transactions.get(i - 1).transactionId())
                            > 0
                    ? 1
                    : 0;
        }

        assertThat((double) rising / (transactions.size() - 1)).isBetween(0.48, 0.52);
    }

    @Test
    void accountsAreListedInIdOrderSoTheirOrderSaysNothing() {
        List<String> ids = data.accounts().stream().map(Account::userId).toList();

        assertThat(ids).isSorted();
    }

    @Test
    void shopsPayInCashTakingsSomeJustUnderTenThousand() {
        Set<String> businesses = Worlds.businesses(data);
        List<Transaction> nearThreshold = Worlds.ordinary(data).stream()
                .filter(transaction -> transaction.type() == TransactionType.CASH_IN)
                .filter(transaction -> businesses.contains(transaction.userId()))
                .filter(transaction -> between(transaction.amount(), "8000", "10000"))
                .toList();

        assertThat(nearThreshold).isNotEmpty();
    }

    @Test
    void someNewCustomersMoveSavingsOfOverSeventyThousandAcross() {
        Map<String, Account> accounts = Worlds.accounts(data);
        Map<String, BigDecimal> firstWeek = new HashMap<>();
        for (Transaction transaction : Worlds.ordinary(data)) {
            Account payee = accounts.get(transaction.counterpartyId());
            if (transaction.type() == TransactionType.TRANSFER
                    && payee != null
                    && !payee.openedAt().isBefore(SimulationSettings.DEFAULT_START)
                    && transaction.timestamp().isBefore(payee.openedAt().plus(Duration.ofDays(7)))) {
                firstWeek.merge(payee.userId(), transaction.amount(), BigDecimal::add);
            }
        }

        assertThat(firstWeek.values()).anyMatch(total -> total.compareTo(new BigDecimal("70000")) > 0);
    }

    @Test
    void friendsPayEachOtherBackTheSameAmount() {
        Set<String> sent = new HashSet<>();
        long paidBack = 0;
        for (Transaction transaction : Worlds.ordinary(data)) {
            if (transaction.type() != TransactionType.TRANSFER) {
                continue;
            }
            if (sent.contains(transaction.counterpartyId() + ">" + transaction.userId() + ":" + transaction.amount())) {
                paidBack++;
            }
            sent.add(transaction.userId() + ">" + transaction.counterpartyId() + ":" + transaction.amount());
        }

        assertThat(paidBack).isGreaterThan(100);
    }

    @Test
    void gamersMakeBurstsOfTinyInAppPaymentsFromTheirOwnDevice() {
        Map<String, List<Transaction>> tiny = new HashMap<>();
        for (Transaction transaction : Worlds.ordinary(data)) {
            if (transaction.channel() == Channel.ONLINE && transaction.amount().compareTo(new BigDecimal("5")) <= 0) {
                tiny.computeIfAbsent(transaction.userId(), id -> new ArrayList<>())
                        .add(transaction);
            }
        }

        long bursts = tiny.values().stream()
                .filter(payments -> hasBurst(payments, 3, Duration.ofHours(1)))
                .count();
        assertThat(bursts).isGreaterThan(20);
    }

    @Test
    void friendsSettleUpRoundRingsOfThree() {
        Map<String, Set<String>> paid = new HashMap<>();
        for (Transaction transaction : Worlds.ordinary(data)) {
            if (transaction.type() == TransactionType.TRANSFER) {
                paid.computeIfAbsent(transaction.userId(), id -> new HashSet<>())
                        .add(transaction.counterpartyId());
            }
        }

        long rings = 0;
        for (Map.Entry<String, Set<String>> first : paid.entrySet()) {
            for (String second : first.getValue()) {
                for (String third : paid.getOrDefault(second, Set.of())) {
                    if (!third.equals(first.getKey())
                            && paid.getOrDefault(third, Set.of()).contains(first.getKey())) {
                        rings++;
                    }
                }
            }
        }
        assertThat(rings).isGreaterThan(30);
    }

    private static boolean hasBurst(List<Transaction> payments, int count, Duration within) {
        for (int i = 0; i + count - 1 < payments.size(); i++) {
            Duration span = Duration.between(
                    payments.get(i).timestamp(), payments.get(i + count - 1).timestamp());
            if (span.compareTo(within) <= 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void customersTravelAndPayAbroad() {
        long abroad = Worlds.ordinary(data).stream()
                .filter(transaction ->
                        transaction.country() != null && !transaction.country().equals("GB"))
                .map(Transaction::userId)
                .distinct()
                .count();

        assertThat(abroad).isGreaterThan(100);
    }

    @Test
    void someCustomersStartUsingANewDeviceWithoutAnyoneStealingIt() {
        Map<String, Set<String>> devicesBefore = new HashMap<>();
        Set<String> switched = new HashSet<>();
        Instant halfway = SimulationSettings.DEFAULT_START.plus(Duration.ofDays(15));
        for (Transaction transaction : Worlds.ordinary(data)) {
            if (transaction.deviceId() == null) {
                continue;
            }
            Set<String> known = devicesBefore.computeIfAbsent(transaction.userId(), id -> new HashSet<>());
            if (transaction.timestamp().isAfter(halfway)
                    && !known.isEmpty()
                    && !known.contains(transaction.deviceId())) {
                switched.add(transaction.userId());
            }
            known.add(transaction.deviceId());
        }

        assertThat(switched).hasSizeGreaterThan(10);
    }

    @Test
    void someAccountsGoQuietForWeeksAndComeBack() {
        Map<String, List<Instant>> times = new HashMap<>();
        for (Transaction transaction : Worlds.ordinary(data)) {
            times.computeIfAbsent(transaction.userId(), id -> new ArrayList<>()).add(transaction.timestamp());
        }
        Set<String> bank = Worlds.accounts(data).keySet();

        long comeBacks = times.entrySet().stream()
                .filter(entry -> bank.contains(entry.getKey()))
                .filter(entry -> longestGap(entry.getValue()).compareTo(Duration.ofDays(10)) > 0)
                .count();
        assertThat(comeBacks).isGreaterThan(20);
    }

    private static Duration longestGap(List<Instant> times) {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < times.size(); i++) {
            Duration gap = Duration.between(times.get(i - 1), times.get(i));
            longest = gap.compareTo(longest) > 0 ? gap : longest;
        }
        return longest;
    }

    /** The most distinct counterparties one account paid (or was paid by) on one day. */
    private static int maxDistinctPerDay(List<Transaction> transactions, boolean outgoing) {
        Map<String, Set<String>> perDay = new HashMap<>();
        for (Transaction transaction : transactions) {
            if (transaction.type() != TransactionType.TRANSFER) {
                continue;
            }
            String day =
                    transaction.timestamp().atZone(ZoneOffset.UTC).toLocalDate().toString();
            String account = outgoing ? transaction.userId() : transaction.counterpartyId();
            String other = outgoing ? transaction.counterpartyId() : transaction.userId();
            perDay.computeIfAbsent(account + "@" + day, key -> new HashSet<>()).add(other);
        }
        return perDay.values().stream().mapToInt(Set::size).max().orElse(0);
    }

    private static boolean between(BigDecimal amount, String low, String high) {
        return amount.compareTo(new BigDecimal(low)) >= 0 && amount.compareTo(new BigDecimal(high)) < 0;
    }

    private static String form(String id) {
        return ACCOUNT_ID.matcher(id).matches() ? "account" : id;
    }
}
