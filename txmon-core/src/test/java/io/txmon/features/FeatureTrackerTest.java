package io.txmon.features;

import static io.txmon.testkit.Instants.WEDNESDAY_3PM;
import static io.txmon.testkit.Instants.days;
import static io.txmon.testkit.Instants.hours;
import static io.txmon.testkit.Instants.minutes;
import static io.txmon.testkit.Instants.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.txmon.testkit.Transactions;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureTrackerTest {
    private final Transactions tx = new Transactions();
    private InMemoryAccountStates states = new InMemoryAccountStates();
    private FeatureTracker tracker =
            new FeatureTracker(new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY), states);

    private double[] observe(Transaction.Builder builder) {
        double[] features = FeatureTracker.newVector();
        tracker.observe(builder.build(), features);
        return features;
    }

    private static double value(double[] features, Feature feature) {
        return features[feature.ordinal()];
    }

    @Test
    void countsTheCurrentTransactionInEveryWindow() {
        double[] f = observe(tx.card("alice", WEDNESDAY_3PM, "12.50", "Mumbai"));

        for (Feature count : new Feature[] {
            Feature.TX_COUNT_1M, Feature.TX_COUNT_5M, Feature.TX_COUNT_1H, Feature.TX_COUNT_24H, Feature.TX_COUNT_30D
        }) {
            assertThat(value(f, count)).as(count.featureName()).isEqualTo(1);
        }
        assertThat(value(f, Feature.TX_SUM_24H)).isEqualTo(12.5);
        assertThat(value(f, Feature.PRIOR_TX_COUNT)).isZero();
        assertThat(value(f, Feature.AMOUNT)).isEqualTo(12.5);
        assertThat(value(f, Feature.HOUR_OF_DAY)).isEqualTo(15);
        assertThat(value(f, Feature.IS_CARD)).isEqualTo(1);
        assertThat(value(f, Feature.IS_POS)).isEqualTo(1);
    }

    @Test
    void seesFourCardPaymentsFromTwoCitiesWithinAMinute() {
        observe(tx.card("alice", WEDNESDAY_3PM, "20", "Mumbai"));
        observe(tx.card("alice", seconds(WEDNESDAY_3PM, 15), "20", "Delhi"));
        observe(tx.card("alice", seconds(WEDNESDAY_3PM, 30), "20", "Mumbai"));
        double[] f = observe(tx.card("alice", seconds(WEDNESDAY_3PM, 45), "20", "Delhi"));

        assertThat(value(f, Feature.TX_COUNT_1M)).isEqualTo(4);
        assertThat(value(f, Feature.TX_SUM_1M)).isEqualTo(80);
        assertThat(value(f, Feature.DISTINCT_CITIES_1M)).isEqualTo(2);
        assertThat(value(f, Feature.SECONDS_SINCE_PREV_TX)).isEqualTo(15);
    }

    @Test
    void windowsForgetWhatIsOlderThanTheirSpan() {
        observe(tx.card("alice", WEDNESDAY_3PM, "10", "Mumbai"));
        double[] f = observe(tx.card("alice", seconds(WEDNESDAY_3PM, 61), "10", "Pune"));

        assertThat(value(f, Feature.TX_COUNT_1M)).isEqualTo(1);
        assertThat(value(f, Feature.DISTINCT_CITIES_1M)).isEqualTo(1);
        assertThat(value(f, Feature.TX_COUNT_5M)).isEqualTo(2);
        assertThat(value(f, Feature.DISTINCT_CITIES_1H)).isEqualTo(2);
    }

    @Test
    void estimatesLongWindowsFromHourlyTotalsWhenAnAccountOutrunsItsRecentMemory() {
        // 100 payments a minute apart: far more than the exact memory holds.
        double[] f = null;
        for (int i = 0; i < 100; i++) {
            f = observe(tx.card("shop-buyer", minutes(WEDNESDAY_3PM, i), "5", "Mumbai"));
        }
        assertThat(value(f, Feature.TX_COUNT_5M)).isEqualTo(5);
        assertThat(value(f, Feature.TX_COUNT_1H)).isCloseTo(60, within(1.5));
        assertThat(value(f, Feature.TX_COUNT_24H)).isEqualTo(100);
        assertThat(value(f, Feature.TX_SUM_24H)).isEqualTo(500);
        assertThat(value(f, Feature.TX_COUNT_30D)).isEqualTo(100);
    }

    @Test
    void comparesTheAmountWithTheAccountsOwnPreviousMonth() {
        observe(tx.card("alice", days(WEDNESDAY_3PM, -3), "100", "Mumbai"));
        observe(tx.card("alice", days(WEDNESDAY_3PM, -2), "120", "Mumbai"));
        double[] third = observe(tx.card("alice", days(WEDNESDAY_3PM, -1), "80", "Mumbai"));
        assertThat(value(third, Feature.AMOUNT_ZSCORE_30D))
                .as("fewer than three earlier amounts")
                .isZero();

        double[] f = observe(tx.card("alice", WEDNESDAY_3PM, "1000", "Mumbai"));
        double sd = Math.sqrt((0 + 400 + 400) / 3.0);
        assertThat(value(f, Feature.AMOUNT_MEAN_30D)).isCloseTo(100, within(1e-9));
        assertThat(value(f, Feature.AMOUNT_STD_30D)).isCloseTo(sd, within(1e-9));
        assertThat(value(f, Feature.AMOUNT_ZSCORE_30D)).isCloseTo(900 / sd, within(1e-9));
        assertThat(value(f, Feature.AMOUNT_TO_MAX_30D)).isCloseTo(1000 / 120.0, within(1e-9));
    }

    @Test
    void forgetsAmountsOlderThanAMonth() {
        observe(tx.card("alice", days(WEDNESDAY_3PM, -40), "5000", "Mumbai"));
        double[] f = observe(tx.card("alice", WEDNESDAY_3PM, "50", "Mumbai"));

        assertThat(value(f, Feature.AMOUNT_MEAN_30D)).isZero();
        assertThat(value(f, Feature.TX_COUNT_30D)).isEqualTo(1);
        assertThat(value(f, Feature.DAYS_SINCE_LAST_ACTIVITY)).isCloseTo(40, within(1e-9));
        assertThat(value(f, Feature.PRIOR_TX_COUNT)).isEqualTo(1);
    }

    @Test
    void agesAccountsFromTheirReferenceDataOrElseFromFirstSight() {
        Account opened = new Account(
                "bob", days(WEDNESDAY_3PM, -3), AccountType.BUSINESS, "IN", "Mumbai", new BigDecimal("75000"));
        useReference(Map.of("bob", opened));

        double[] known = observe(tx.card("bob", WEDNESDAY_3PM, "10", "Mumbai"));
        assertThat(value(known, Feature.ACCOUNT_AGE_DAYS)).isCloseTo(3, within(1e-9));
        assertThat(value(known, Feature.IS_BUSINESS)).isEqualTo(1);
        assertThat(value(known, Feature.BALANCE)).isEqualTo(74_990);

        observe(tx.card("carol", WEDNESDAY_3PM, "10", "Mumbai"));
        double[] unknown = observe(tx.card("carol", days(WEDNESDAY_3PM, 2), "10", "Mumbai"));
        assertThat(value(unknown, Feature.ACCOUNT_AGE_DAYS)).isCloseTo(2, within(1e-9));
        assertThat(value(unknown, Feature.BALANCE)).isEqualTo(-20);
    }

    @Test
    void describesTheReceiverOfATransferOnTheCounterpartySide() {
        observe(tx.transfer("a1", "collector", WEDNESDAY_3PM, "900"));
        observe(tx.transfer("a2", "collector", minutes(WEDNESDAY_3PM, 5), "950"));
        observe(tx.transfer("a1", "collector", minutes(WEDNESDAY_3PM, 10), "100"));
        double[] f = observe(tx.transfer("a3", "collector", minutes(WEDNESDAY_3PM, 20), "980"));

        assertThat(value(f, Feature.CP_FAN_IN_24H)).isEqualTo(3);
        assertThat(value(f, Feature.CP_IN_COUNT_24H)).isEqualTo(4);
        assertThat(value(f, Feature.CP_IN_SUM_24H)).isEqualTo(2930);
        assertThat(value(f, Feature.CP_BALANCE)).isEqualTo(2930);
        assertThat(value(f, Feature.CP_PRIOR_TX_COUNT)).isEqualTo(3);
        assertThat(value(f, Feature.IS_TRANSFER)).isEqualTo(1);

        double[] card = observe(tx.card("a3", minutes(WEDNESDAY_3PM, 30), "5", "Pune"));
        assertThat(value(card, Feature.CP_FAN_IN_24H))
                .as("no receiver, no counterparty features")
                .isZero();
        assertThat(value(card, Feature.FAN_OUT_24H)).isEqualTo(1);
    }

    @Test
    void measuresHowMuchOfTheMoneyReceivedIsSentOnWithinADay() {
        observe(tx.transfer("victim1", "mule", WEDNESDAY_3PM, "3000"));
        observe(tx.transfer("victim2", "mule", hours(WEDNESDAY_3PM, 1), "2000"));
        double[] first = observe(tx.transfer("mule", "boss1", hours(WEDNESDAY_3PM, 2), "2400"));
        double[] second = observe(tx.transfer("mule", "boss2", hours(WEDNESDAY_3PM, 3), "2350"));

        assertThat(value(first, Feature.PASS_THROUGH_24H)).isCloseTo(0.48, within(1e-9));
        assertThat(value(second, Feature.PASS_THROUGH_24H)).isCloseTo(0.95, within(1e-9));
        assertThat(value(second, Feature.FAN_OUT_24H)).isEqualTo(2);
        assertThat(value(second, Feature.FAN_IN_24H)).isEqualTo(2);
        assertThat(value(second, Feature.IN_SUM_24H)).isEqualTo(5000);
        assertThat(value(second, Feature.OUT_SUM_24H)).isEqualTo(4750);
    }

    @Test
    void countsDepositsJustUnderTheReportingThresholdForAWeek() {
        observe(tx.deposit("smurf", days(WEDNESDAY_3PM, -8), "9500"));
        observe(tx.deposit("smurf", days(WEDNESDAY_3PM, -5), "9800"));
        observe(tx.deposit("smurf", days(WEDNESDAY_3PM, -3), "4000"));
        observe(tx.deposit("smurf", days(WEDNESDAY_3PM, -2), "10000"));
        double[] f = observe(tx.deposit("smurf", WEDNESDAY_3PM, "9100"));

        assertThat(value(f, Feature.NEAR_THRESHOLD_DEPOSITS_7D)).isEqualTo(2);
        assertThat(value(f, Feature.NEAR_THRESHOLD_DEPOSIT_SUM_7D)).isEqualTo(18_900);
        assertThat(value(f, Feature.IS_CASH_IN)).isEqualTo(1);
        assertThat(value(f, Feature.IN_COUNT_24H)).isEqualTo(1);
    }

    @Test
    void flagsFirstUseOfADeviceOrCountryOnlyForAnAccountWithHistory() {
        double[] brandNew = observe(tx.card("alice", WEDNESDAY_3PM, "10", "Mumbai")
                .deviceId("phone")
                .country("IN"));
        assertThat(value(brandNew, Feature.IS_NEW_DEVICE)).isZero();
        observe(tx.card("alice", hours(WEDNESDAY_3PM, 1), "10", "Mumbai")
                .deviceId("phone")
                .country("IN"));
        observe(tx.card("alice", hours(WEDNESDAY_3PM, 2), "10", "Mumbai")
                .deviceId("phone")
                .country("IN"));

        double[] familiar = observe(tx.card("alice", hours(WEDNESDAY_3PM, 3), "10", "Mumbai")
                .deviceId("phone")
                .country("IN"));
        double[] stranger = observe(tx.card("alice", hours(WEDNESDAY_3PM, 4), "10", "Lagos")
                .deviceId("laptop")
                .country("NG"));

        assertThat(value(familiar, Feature.IS_NEW_DEVICE)).isZero();
        assertThat(value(familiar, Feature.IS_NEW_CITY)).isZero();
        assertThat(value(stranger, Feature.IS_NEW_DEVICE)).isEqualTo(1);
        assertThat(value(stranger, Feature.IS_NEW_COUNTRY)).isEqualTo(1);
        assertThat(value(stranger, Feature.IS_NEW_CITY)).isEqualTo(1);
        assertThat(value(stranger, Feature.IS_NEW_MERCHANT)).isEqualTo(1);
    }

    @Test
    void learnsTheHoursAnAccountIsUsuallyActive() {
        for (int day = 0; day < 10; day++) {
            observe(tx.card("alice", days(WEDNESDAY_3PM, day), "10", "Mumbai"));
        }
        double[] usual = observe(tx.card("alice", days(WEDNESDAY_3PM, 10), "10", "Mumbai"));
        double[] night = observe(tx.card("alice", hours(days(WEDNESDAY_3PM, 10), 12), "10", "Mumbai"));

        assertThat(value(usual, Feature.HOUR_FREQUENCY)).isCloseTo(11 / 34.0, within(1e-9));
        assertThat(value(usual, Feature.HOUR_ENTROPY)).isZero();
        assertThat(value(night, Feature.HOUR_OF_DAY)).isEqualTo(3);
        assertThat(value(night, Feature.HOUR_FREQUENCY)).isCloseTo(1 / 35.0, within(1e-9));
    }

    @Test
    void countsHoursInTheConfiguredTimeZone() {
        FeatureSettings kolkata = new FeatureSettings(10_000, 0.8, 5, 0.1, ZoneId.of("Asia/Kolkata"));
        tracker = new FeatureTracker(new FeatureExtractor(kolkata, PeerProfile.EMPTY), states);

        double[] f = observe(tx.card("alice", WEDNESDAY_3PM, "10", "Mumbai"));

        assertThat(value(f, Feature.HOUR_OF_DAY)).isEqualTo(20);
    }

    @Test
    void recognisesMoneyComingBackToTheAccountThatSentASimilarAmount() {
        observe(tx.transfer("a", "b", WEDNESDAY_3PM, "10000"));
        observe(tx.transfer("b", "c", hours(WEDNESDAY_3PM, 5), "9700"));
        double[] closing = observe(tx.transfer("c", "a", hours(WEDNESDAY_3PM, 30), "9400"));
        double[] unrelated = observe(tx.transfer("c", "b", hours(WEDNESDAY_3PM, 31), "100"));

        assertThat(value(closing, Feature.CP_SENT_SIMILAR_7D)).isEqualTo(1);
        assertThat(value(unrelated, Feature.CP_SENT_SIMILAR_7D)).isZero();
    }

    @Test
    void comparesTheAmountWithItsMerchantCategoryPeers() {
        PeerProfile.Builder peers = PeerProfile.builder();
        for (int i = 0; i < PeerProfile.MIN_PAYMENTS_PER_CATEGORY; i++) {
            peers.add("groceries", i % 2 == 0 ? 20 : 55);
        }
        tracker = new FeatureTracker(new FeatureExtractor(FeatureSettings.DEFAULTS, peers.build()), states);

        double[] f = observe(tx.card("alice", WEDNESDAY_3PM, "400", "Mumbai"));
        double[] unknownCategory =
                observe(tx.card("alice", WEDNESDAY_3PM, "100", "Mumbai").merchantType("yachts"));

        double mean = (Math.log(21) + Math.log(56)) / 2;
        double sd = (Math.log(56) - Math.log(21)) / 2;
        assertThat(value(f, Feature.AMOUNT_ZSCORE_MERCHANT_TYPE)).isCloseTo((Math.log(401) - mean) / sd, within(1e-9));
        assertThat(value(unknownCategory, Feature.AMOUNT_ZSCORE_MERCHANT_TYPE)).isZero();
    }

    @Test
    void treatsALateTransactionAsHappeningAtTheAccountsLatestTime() {
        observe(tx.card("alice", WEDNESDAY_3PM, "10", "Mumbai"));
        double[] late = observe(tx.card("alice", minutes(WEDNESDAY_3PM, -30), "10", "Mumbai"));

        assertThat(value(late, Feature.TX_COUNT_1M)).isEqualTo(2);
        assertThat(value(late, Feature.SECONDS_SINCE_PREV_TX)).isZero();
        assertThat(value(late, Feature.HOUR_OF_DAY))
                .as("its own clock time still counts")
                .isEqualTo(14);
    }

    @Test
    void refusesToDescribeAReceiverOfSomethingOtherThanATransfer() {
        FeatureExtractor extractor = new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY);
        Transaction card = tx.card("alice", WEDNESDAY_3PM, "10", "Mumbai").build();

        assertThatThrownBy(() -> extractor.observePayee(
                        card, AccountState.open(Account.unknown("x"), Instant.EPOCH), FeatureTracker.newVector()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CARD");
    }

    @Test
    void countsACardGoingBackAndForthBetweenCitiesAsSeveralChanges() {
        observe(tx.card("alice", WEDNESDAY_3PM, "30", "Leeds"));
        observe(tx.card("alice", hours(WEDNESDAY_3PM, 1), "30", "London"));
        observe(tx.card("alice", hours(WEDNESDAY_3PM, 2), "30", "Leeds"));
        double[] clone = observe(tx.card("alice", hours(WEDNESDAY_3PM, 3), "30", "London"));
        double[] later = observe(tx.card("alice", days(WEDNESDAY_3PM, 2), "30", "London"));

        assertThat(value(clone, Feature.CITY_CHANGES_24H)).isEqualTo(3);
        assertThat(value(later, Feature.CITY_CHANGES_24H))
                .as("a day later it is all forgotten")
                .isZero();
    }

    @Test
    void aDeviceOrCityStaysRecentForADayAfterAnEstablishedAccountFirstUsesIt() {
        observe(tx.card("alice", days(WEDNESDAY_3PM, -5), "10", "Leeds").deviceId("phone"));
        double[] first = observe(tx.card("alice", WEDNESDAY_3PM, "10", "Lagos").deviceId("laptop"));
        double[] again =
                observe(tx.card("alice", hours(WEDNESDAY_3PM, 3), "10", "Lagos").deviceId("laptop"));
        double[] nextDay = observe(
                tx.card("alice", hours(WEDNESDAY_3PM, 25), "10", "Lagos").deviceId("laptop"));

        assertThat(value(first, Feature.IS_RECENT_DEVICE)).isEqualTo(1);
        assertThat(value(again, Feature.IS_RECENT_DEVICE)).isEqualTo(1);
        assertThat(value(again, Feature.IS_NEW_DEVICE)).as("no longer new").isZero();
        assertThat(value(again, Feature.IS_RECENT_CITY)).isEqualTo(1);
        assertThat(value(nextDay, Feature.IS_RECENT_DEVICE)).isZero();
    }

    @Test
    void aBrandNewAccountHasNoRecentDevicesOnlyItsFirstOnes() {
        double[] f = observe(tx.card("newcomer", WEDNESDAY_3PM, "10", "Leeds").deviceId("phone"));

        assertThat(value(f, Feature.IS_RECENT_DEVICE)).isZero();
    }

    @Test
    void measuresHowMuchOfAKnownBalanceLeftWithinADay() {
        useReference(Map.of(
                "saver",
                new Account(
                        "saver",
                        days(WEDNESDAY_3PM, -900),
                        AccountType.PERSONAL,
                        "GB",
                        "Leeds",
                        new BigDecimal("10000"))));
        observe(tx.transfer("saver", "x", WEDNESDAY_3PM, "6000"));
        double[] second = observe(tx.transfer("saver", "y", hours(WEDNESDAY_3PM, 2), "3000"));
        double[] unknownBalance = observe(tx.transfer("stranger", "y", hours(WEDNESDAY_3PM, 2), "3000"));

        assertThat(value(second, Feature.DRAIN_24H)).isCloseTo(0.9, within(1e-12));
        assertThat(value(unknownBalance, Feature.DRAIN_24H)).isZero();
    }

    private void useReference(Map<String, Account> accounts) {
        states = InMemoryAccountStates.withReference(accounts);
        tracker = new FeatureTracker(new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY), states);
    }
}
