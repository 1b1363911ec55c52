package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.Feature;
import io.txmon.model.AnomalyModelCodec;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each account's state, alone, with account updates, control messages and watermarks in the order the test gives:
 * where an account's reference data comes from when it opens, and a new model's peers.
 */
class AccountStatesTest {
    private static final Instant NINE = Instant.parse("2026-02-02T09:00:00Z");

    private KeyedBroadcastOperatorTestHarness<String, AccountInput, ControlMessage, FeatureHalf> harness;

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void anAccountWhoseReferenceDataArrivesOnlyAsAnUpdateOpensWithIt() throws Exception {
        open(Map.of());

        harness.processElement(update(opened("acct_new", NINE.minus(Duration.ofDays(3)))), 0);
        harness.processElement(payment("t1", "acct_new", NINE), NINE.toEpochMilli());
        harness.processElement(payment("t2", "acct_unknown", NINE), NINE.toEpochMilli());
        harness.processWatermark(NINE.toEpochMilli());

        Map<String, double[]> features = featuresByAccount();
        assertThat(features.get("acct_new")[Feature.ACCOUNT_AGE_DAYS.ordinal()]).isEqualTo(3.0);
        assertThat(features.get("acct_new")[Feature.BALANCE.ordinal()])
                .as("the update's opening balance, less the payment")
                .isEqualTo(80_000 - 100.0);
        assertThat(features.get("acct_unknown")[Feature.ACCOUNT_AGE_DAYS.ordinal()])
                .as("an account nobody described is aged from its first transaction")
                .isEqualTo(0.0);
    }

    @Test
    void anUpdateReceivedWhileRunningOutranksTheReferenceDataTheJobStartedWith() throws Exception {
        open(Map.of("acct_a", ReferenceAccount.of(opened("acct_a", NINE.minus(Duration.ofDays(400))))));

        harness.processElement(update(opened("acct_a", NINE.minus(Duration.ofDays(3)))), 0);
        harness.processElement(payment("t1", "acct_a", NINE), NINE.toEpochMilli());
        harness.processWatermark(NINE.toEpochMilli());

        assertThat(featuresByAccount().get("acct_a")[Feature.ACCOUNT_AGE_DAYS.ordinal()])
                .isEqualTo(3.0);
    }

    @Test
    void theReferenceDataTheJobStartedWithOpensAnAccountNoUpdateNamed() throws Exception {
        open(Map.of("acct_a", ReferenceAccount.of(opened("acct_a", NINE.minus(Duration.ofDays(400))))));

        harness.processElement(payment("t1", "acct_a", NINE), NINE.toEpochMilli());
        harness.processWatermark(NINE.toEpochMilli());

        assertThat(featuresByAccount().get("acct_a")[Feature.ACCOUNT_AGE_DAYS.ordinal()])
                .isEqualTo(400.0);
    }

    @Test
    void anUpdateForAnAccountAlreadyOpenChangesNothingAsReferenceDataIsReadOnlyAtOpening() throws Exception {
        open(Map.of());
        harness.processElement(payment("t1", "acct_a", NINE), NINE.toEpochMilli());
        harness.processWatermark(NINE.toEpochMilli());

        harness.processElement(update(opened("acct_a", NINE.minus(Duration.ofDays(3)))), 0);
        Instant tenDaysLater = NINE.plus(Duration.ofDays(10));
        harness.processElement(payment("t2", "acct_a", tenDaysLater), tenDaysLater.toEpochMilli());
        harness.processWatermark(tenDaysLater.toEpochMilli());

        List<FeatureHalf> halves = harness.extractOutputValues();
        assertThat(halves).hasSize(2);
        assertThat(halves.get(1).features()[Feature.ACCOUNT_AGE_DAYS.ordinal()])
                .as("aged from its first transaction, not from the update's opening date")
                .isEqualTo(10.0);
    }

    @Test
    void aNewModelGivesThePeersThatFeaturesAreComputedWithFromThenOn() throws Exception {
        open(Map.of());
        String category = ControlFixtures.model()
                .peers()
                .byMerchantType()
                .keySet()
                .iterator()
                .next();
        harness.processElement(purchase("before", category, NINE), NINE.toEpochMilli());
        harness.processWatermark(NINE.toEpochMilli());

        harness.processBroadcastElement(
                ControlMessage.model("model.bin", AnomalyModelCodec.toBytes(ControlFixtures.model())), 0);
        Instant later = NINE.plusSeconds(60);
        harness.processElement(purchase("after", category, later), later.toEpochMilli());
        harness.processWatermark(later.toEpochMilli());

        List<FeatureHalf> halves = harness.extractOutputValues();
        int peerScore = Feature.AMOUNT_ZSCORE_MERCHANT_TYPE.ordinal();
        assertThat(halves.get(0).features()[peerScore])
                .as("no peers without a model")
                .isEqualTo(0.0);
        assertThat(halves.get(1).features()[peerScore]).isNotEqualTo(0.0);
    }

    @Test
    void anAccountQuietForLongerThanItsTimeToLiveStartsAfreshFromItsReferenceData() throws Exception {
        open(
                Map.of("acct_a", ReferenceAccount.of(opened("acct_a", NINE.minus(Duration.ofDays(400))))),
                Duration.ofHours(1));

        harness.setStateTtlProcessingTime(0);
        harness.processElement(payment("t1", "acct_a", NINE), NINE.toEpochMilli());
        harness.processWatermark(NINE.toEpochMilli());
        Instant tenMinutes = NINE.plus(Duration.ofMinutes(10));
        harness.setStateTtlProcessingTime(Duration.ofMinutes(10).toMillis());
        harness.processElement(payment("t2", "acct_a", tenMinutes), tenMinutes.toEpochMilli());
        harness.processWatermark(tenMinutes.toEpochMilli());
        Instant nextDay = NINE.plus(Duration.ofDays(1));
        harness.setStateTtlProcessingTime(
                Duration.ofMinutes(10).plus(Duration.ofHours(2)).toMillis());
        harness.processElement(payment("t3", "acct_a", nextDay), nextDay.toEpochMilli());
        harness.processWatermark(nextDay.toEpochMilli());

        List<FeatureHalf> halves = harness.extractOutputValues();
        int balance = Feature.BALANCE.ordinal();
        assertThat(halves.get(1).features()[balance])
                .as("still known ten minutes on: two payments off the opening balance")
                .isEqualTo(80_000 - 200.0);
        assertThat(halves.get(2).features()[balance])
                .as("forgotten after two quiet hours: opened again from its reference data")
                .isEqualTo(80_000 - 100.0);
        assertThat(halves.get(2).features()[Feature.ACCOUNT_AGE_DAYS.ordinal()]).isEqualTo(401.0);
    }

    @Test
    void anOutcomeIsLearnedAfterTheTransactionsOfTheInstantItBecameKnownAndBeforeTheLaterOnes() throws Exception {
        open(Map.of());
        Transaction stolen = atMerchant("stolen", "acct_a", NINE);
        Instant known = NINE.plus(Duration.ofHours(2));
        harness.processElement(merchantEvent(stolen), NINE.toEpochMilli());
        harness.processElement(
                AccountOutcome.of(stolen, 1, known.toEpochMilli()).get(1), known.toEpochMilli());
        harness.processElement(merchantEvent(atMerchant("same_instant", "acct_b", known)), known.toEpochMilli());
        harness.processElement(
                merchantEvent(atMerchant("a_second_later", "acct_c", known.plusSeconds(1))),
                known.plusSeconds(1).toEpochMilli());
        harness.processWatermark(known.plusSeconds(1).toEpochMilli());

        Map<String, Double> knownFrauds = new HashMap<>();
        harness.extractOutputValues()
                .forEach(part -> knownFrauds.put(
                        part.transactionId(), part.features()[Feature.MERCHANT_KNOWN_FRAUDS_30D.ordinal()]));
        assertThat(knownFrauds)
                .containsEntry("stolen", 0.0)
                .containsEntry("same_instant", 0.0)
                .containsEntry("a_second_later", 1.0);
    }

    @Test
    void anOutcomeBehindTheWatermarkIsSetAsideWithWhyNotLearnedOutOfOrder() throws Exception {
        open(Map.of());
        Transaction stolen = atMerchant("stolen", "acct_a", NINE);
        harness.processElement(merchantEvent(stolen), NINE.toEpochMilli());
        harness.processWatermark(NINE.plusSeconds(10).toEpochMilli());

        harness.processElement(
                AccountOutcome.of(stolen, 1, NINE.plusSeconds(5).toEpochMilli()).get(1),
                NINE.plusSeconds(5).toEpochMilli());

        assertThat(harness.getSideOutput(AccountStates.LATE))
                .singleElement()
                .satisfies(late -> assertThat(late.getValue().reason()).contains("its outcome", "was not learned"));
    }

    private void open(Map<String, ReferenceAccount> atStart) throws Exception {
        open(atStart, DecisionJob.DEFAULT_QUIET_ACCOUNT_TTL);
    }

    private void open(Map<String, ReferenceAccount> atStart, Duration quietAccountTtl) throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new BroadcastOutsideEventTime<>(new AccountStates(
                        WhatDecides.of(Optional.empty(), Optional.empty()), new HashMap<>(atStart), quietAccountTtl)),
                AccountInput::accountId,
                Types.STRING,
                1,
                1,
                0);
        harness.open();
    }

    private Map<String, double[]> featuresByAccount() {
        Map<String, double[]> features = new HashMap<>();
        harness.extractOutputValues().forEach(half -> features.put(half.accountId(), half.features()));
        return features;
    }

    private static Account opened(String id, Instant openedAt) {
        return new Account(id, openedAt, AccountType.PERSONAL, "GB", "London", new BigDecimal("80000.00"));
    }

    private static AccountUpdate update(Account account) {
        return new AccountUpdate(ReferenceAccount.of(account));
    }

    private static AccountEvent payment(String id, String account, Instant at) {
        Transaction tx =
                Transaction.builder(id, at, account, new BigDecimal("100.00")).build();
        return AccountEvent.of(new SequencedTransaction(1, tx)).get(0);
    }

    private static Transaction atMerchant(String id, String account, Instant at) {
        return Transaction.builder(id, at, account, new BigDecimal("25.00"))
                .merchantId("m-1")
                .build();
    }

    /** The event {@code tx}'s merchant learns it from: the second of its events, after the payer's. */
    private static AccountEvent merchantEvent(Transaction tx) {
        AccountEvent event = AccountEvent.of(new SequencedTransaction(1, tx)).get(1);
        assertThat(event.side()).isEqualTo(AccountEvent.Side.MERCHANT);
        return event;
    }

    private static AccountEvent purchase(String id, String category, Instant at) {
        Transaction tx = Transaction.builder(id, at, "acct_a", new BigDecimal("1234.56"))
                .merchantType(category)
                .build();
        return AccountEvent.of(new SequencedTransaction(1, tx)).get(0);
    }
}
