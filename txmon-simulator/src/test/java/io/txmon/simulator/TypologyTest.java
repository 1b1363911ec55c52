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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each injected typology, as a detector would see it in the default world. */
class TypologyTest {
    private static final BigDecimal FIVE = new BigDecimal("5.00");

    private final SimulatedData data = Worlds.defaultWorld();
    private final Map<String, Account> accounts = Worlds.accounts(data);

    @ParameterizedTest
    @EnumSource(Typology.class)
    void everyTypologyHappensSeveralTimesAtTheDefaultSize(Typology typology) {
        assertThat(Worlds.incidents(data, typology)).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void typologiesHappenAboutEquallyOften() {
        Map<Typology, Integer> counts = new EnumMap<>(Typology.class);
        for (Typology typology : Typology.values()) {
            counts.put(typology, Worlds.incidents(data, typology).size());
        }

        int fewest = counts.values().stream().min(Integer::compare).orElseThrow();
        int most = counts.values().stream().max(Integer::compare).orElseThrow();
        assertThat(most).isLessThanOrEqualTo(2 * fewest);
    }

    @Test
    void suspiciousActivityIsSpreadOverTheDayAndOverAmounts() {
        long[] byHour = new long[24];
        Set<BigDecimal> amounts = new HashSet<>();
        long suspicious = 0;
        for (int i = 0; i < data.transactions().size(); i++) {
            if (data.labels().get(i).suspicious()) {
                Transaction transaction = data.transactions().get(i);
                byHour[transaction.timestamp().atZone(ZoneOffset.UTC).getHour()]++;
                amounts.add(transaction.amount());
                suspicious++;
            }
        }

        for (long count : byHour) {
            assertThat(count).isPositive().isLessThan(suspicious / 8);
        }
        assertThat(amounts.size()).isGreaterThan((int) (0.7 * suspicious));
    }

    @Test
    void cardTestingTriesTinyPaymentsAtSeveralMerchantsBeforeALargeOne() {
        int endingLarge = 0;
        List<List<Transaction>> incidents = Worlds.incidents(data, Typology.CARD_TESTING);
        for (List<Transaction> incident : incidents) {
            List<Transaction> tiny = incident.stream()
                    .filter(transaction -> transaction.amount().compareTo(FIVE) <= 0)
                    .toList();
            assertThat(tiny).hasSizeGreaterThanOrEqualTo(3);
            assertThat(tiny.stream().map(Transaction::merchantId).distinct()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(incident).allMatch(transaction -> transaction.channel() == Channel.ONLINE);
            Transaction last = incident.get(incident.size() - 1);
            endingLarge += last.amount().compareTo(new BigDecimal("100")) > 0 ? 1 : 0;
        }

        assertThat(endingLarge).isGreaterThan(incidents.size() / 2);
    }

    @Test
    void aClonedCardIsUsedInAnotherCityWithinHoursOfTheRealOne() {
        Map<String, List<Transaction>> genuine = Worlds.ordinary(data).stream()
                .filter(transaction -> transaction.channel() == Channel.POS)
                .collect(Collectors.groupingBy(Transaction::userId));
        for (List<Transaction> incident : Worlds.incidents(data, Typology.CLONED_CARD)) {
            Transaction first = incident.get(0);
            assertThat(genuine.getOrDefault(first.userId(), List.of()))
                    .anyMatch(real -> !real.location().equals(first.location())
                            && Duration.between(real.timestamp(), first.timestamp())
                                            .abs()
                                            .compareTo(Duration.ofHours(5))
                                    < 0);
            assertThat(incident)
                    .allMatch(transaction ->
                            transaction.channel() == Channel.POS || transaction.channel() == Channel.ATM);
        }
    }

    @Test
    void aTakeoverComesFromANewDeviceAndAnotherCityAndDrainsByTransfer() {
        Map<String, List<Transaction>> history =
                Worlds.ordinary(data).stream().collect(Collectors.groupingBy(Transaction::userId));
        for (List<Transaction> incident : Worlds.incidents(data, Typology.ACCOUNT_TAKEOVER)) {
            Transaction first = incident.get(0);
            Set<String> knownDevices = history.getOrDefault(first.userId(), List.of()).stream()
                    .map(Transaction::deviceId)
                    .collect(Collectors.toSet());
            assertThat(knownDevices).doesNotContain(first.deviceId());
            assertThat(first.location())
                    .isNotEqualTo(accounts.get(first.userId()).city());
            assertThat(incident).anyMatch(transaction -> transaction.type() == TransactionType.TRANSFER);
        }
    }

    @Test
    void structuredDepositsStayJustUnderTenThousand() {
        for (List<Transaction> incident : Worlds.incidents(data, Typology.STRUCTURING)) {
            List<Transaction> deposits = incident.stream()
                    .filter(transaction -> transaction.type() == TransactionType.CASH_IN)
                    .toList();
            assertThat(deposits).hasSizeGreaterThanOrEqualTo(2);
            assertThat(deposits)
                    .allMatch(deposit -> deposit.amount().compareTo(new BigDecimal("8000")) >= 0
                            && deposit.amount().compareTo(new BigDecimal("10000")) < 0);
        }
    }

    @Test
    void aMulePassesMostOfWhatItReceivesOnWithinHours() {
        for (List<Transaction> incident : Worlds.incidents(data, Typology.MULE_PASS_THROUGH)) {
            String mule = mostFrequentAccount(incident);
            BigDecimal in = sum(incident, transaction -> mule.equals(transaction.counterpartyId()));
            BigDecimal out = sum(incident, transaction -> mule.equals(transaction.userId()));
            Instant firstIn = incident.stream()
                    .filter(transaction -> mule.equals(transaction.counterpartyId()))
                    .map(Transaction::timestamp)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            Instant firstOut = incident.stream()
                    .filter(transaction -> mule.equals(transaction.userId()))
                    .map(Transaction::timestamp)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            assertThat(out).isGreaterThan(in.multiply(new BigDecimal("0.5")));
            assertThat(Duration.between(firstIn, firstOut)).isLessThan(Duration.ofDays(2));
        }
    }

    @Test
    void aFanInCollectorIsPaidByManyAccountsWithinTwoDays() {
        for (List<Transaction> incident : Worlds.incidents(data, Typology.FAN_IN)) {
            String collector = mostFrequentAccount(incident);
            List<Transaction> in = incident.stream()
                    .filter(transaction -> collector.equals(transaction.counterpartyId()))
                    .toList();
            assertThat(in.stream().map(Transaction::userId).distinct()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(span(in)).isLessThanOrEqualTo(Duration.ofHours(72));
        }
    }

    @Test
    void aFanOutSourcePaysManyReceiversWithinTwoDays() {
        for (List<Transaction> incident : Worlds.incidents(data, Typology.FAN_OUT)) {
            String source = mostFrequentAccount(incident);
            List<Transaction> out = incident.stream()
                    .filter(transaction -> source.equals(transaction.userId()))
                    .toList();
            assertThat(out.stream().map(Transaction::counterpartyId).distinct()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(span(out)).isLessThanOrEqualTo(Duration.ofHours(72));
        }
    }

    @Test
    void aCycleReturnsToWhereItStartedWithEachHopALittleSmaller() {
        for (List<Transaction> incident : Worlds.incidents(data, Typology.CYCLE)) {
            Set<String> senders = incident.stream().map(Transaction::userId).collect(Collectors.toSet());
            Set<String> receivers =
                    incident.stream().map(Transaction::counterpartyId).collect(Collectors.toSet());
            assertThat(senders).hasSizeGreaterThanOrEqualTo(3).isEqualTo(receivers);
            List<Transaction> firstRound = incident.subList(0, senders.size());
            for (int i = 1; i < firstRound.size(); i++) {
                assertThat(firstRound.get(i).userId())
                        .isEqualTo(firstRound.get(i - 1).counterpartyId());
                assertThat(firstRound.get(i).amount())
                        .isLessThan(firstRound.get(i - 1).amount());
            }
            assertThat(firstRound.get(firstRound.size() - 1).counterpartyId())
                    .isEqualTo(firstRound.get(0).userId());
        }
    }

    @Test
    void aNewAccountReceivesWellOverSeventyThousandWithinDaysOfOpening() {
        for (List<Transaction> incident : Worlds.incidents(data, Typology.NEW_ACCOUNT_HIGH_BALANCE)) {
            String account = mostFrequentAccount(incident);
            Instant opened = accounts.get(account).openedAt();
            List<Transaction> in = incident.stream()
                    .filter(transaction -> account.equals(transaction.counterpartyId()))
                    .toList();
            assertThat(opened).isAfterOrEqualTo(SimulationSettings.DEFAULT_START);
            assertThat(sum(in, transaction -> true)).isGreaterThan(new BigDecimal("70000"));
            assertThat(in).allMatch(transaction -> transaction.timestamp().isBefore(opened.plus(Duration.ofDays(10))));
        }
    }

    @Test
    void aDormantAccountWakesAfterWeeksOfQuietAndMovesMoneyOut() {
        List<Transaction> all = data.transactions();
        for (List<Transaction> incident : Worlds.incidents(data, Typology.DORMANT_REACTIVATION)) {
            String account = mostFrequentAccount(incident);
            Instant woke = incident.get(0).timestamp();
            assertThat(accounts.get(account).openedAt())
                    .isBefore(SimulationSettings.DEFAULT_START.minus(Duration.ofDays(365)));
            assertThat(all)
                    .filteredOn(transaction ->
                            account.equals(transaction.userId()) || account.equals(transaction.counterpartyId()))
                    .filteredOn(transaction -> transaction.timestamp().isBefore(woke))
                    .allMatch(transaction ->
                            Duration.between(transaction.timestamp(), woke).compareTo(Duration.ofDays(10)) > 0);
            assertThat(sum(incident, transaction -> account.equals(transaction.userId())))
                    .isGreaterThan(BigDecimal.ZERO);
        }
    }

    private static String mostFrequentAccount(List<Transaction> incident) {
        List<String> accounts = new ArrayList<>();
        for (Transaction transaction : incident) {
            accounts.add(transaction.userId());
            if (transaction.counterpartyId() != null) {
                accounts.add(transaction.counterpartyId());
            }
        }
        return accounts.stream()
                .collect(Collectors.groupingBy(account -> account, Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    private static BigDecimal sum(List<Transaction> transactions, Predicate<Transaction> which) {
        return transactions.stream().filter(which).map(Transaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Duration span(List<Transaction> transactions) {
        return Duration.between(
                transactions.get(0).timestamp(),
                transactions.get(transactions.size() - 1).timestamp());
    }
}
