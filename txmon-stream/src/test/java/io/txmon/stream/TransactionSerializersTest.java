package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.txmon.features.Feature;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

/** The job's serializers give back exactly what they were given, and agree on a transaction's fields. */
class TransactionSerializersTest {
    private static final Transaction EVERY_FIELD = Transaction.builder(
                    "tx-1", Instant.parse("2026-02-02T09:00:00.123456789Z"), "acct-a", new BigDecimal("1234.5600"))
            .currency(Currency.getInstance("EUR"))
            .type(TransactionType.TRANSFER)
            .counterpartyId("acct-b")
            .merchantId("m-1")
            .merchantType("grocery")
            .location("Zürich")
            .country("CH")
            .channel(Channel.values()[Channel.values().length - 1])
            .deviceId("device-7")
            .build();

    private static final Transaction FEWEST_FIELDS = Transaction.builder(
                    "tx-2", Instant.parse("2026-02-02T09:00:00Z"), "acct-a", new BigDecimal("999999999999999.9999"))
            .build();

    @Test
    void anAccountsEventComesBackAsItWentInWithEveryFieldOrNone() throws IOException {
        for (Transaction tx : new Transaction[] {EVERY_FIELD, FEWEST_FIELDS}) {
            AccountEvent payee = new AccountEvent("acct-b", AccountEvent.Side.PAYEE, 42, tx);

            assertThat(roundTrip(payee)).isEqualTo(payee);
        }
    }

    @Test
    void anOutcomeComesBackWithItsKeySideInstantChangeAndTransaction() throws IOException {
        for (AccountOutcome outcome : AccountOutcome.of(EVERY_FIELD, -1, 1_770_022_800_123L)) {
            assertThat(roundTrip(outcome)).isEqualTo(outcome);
        }
    }

    @Test
    void anAccountUpdateComesBackAsItWentInWithAndWithoutItsOptionalFields() throws IOException {
        AccountUpdate full = new AccountUpdate(ReferenceAccount.of(new Account(
                "acct-a",
                Instant.parse("2020-01-01T00:00:00Z"),
                AccountType.BUSINESS,
                "GB",
                "London",
                new BigDecimal("80000.00"))));
        AccountUpdate bare = new AccountUpdate(new ReferenceAccount("acct-b", null, null, null, null, null));

        assertThat(roundTrip(full)).isEqualTo(full);
        assertThat(roundTrip(bare)).isEqualTo(bare);
    }

    @Test
    void kryosSerializerOfATransactionKeepsTheSameFieldsAsTheJobsOwn() throws IOException {
        for (Transaction tx : new Transaction[] {EVERY_FIELD, FEWEST_FIELDS}) {
            Kryo kryo = new Kryo();
            kryo.register(Transaction.class, new TransactionKryoSerializer());
            Output out = new Output(1024, -1);
            kryo.writeObject(out, tx);
            Transaction throughKryo = kryo.readObject(new Input(out.toBytes()), Transaction.class);

            DataOutputSerializer binary = new DataOutputSerializer(256);
            TransactionBinary.write(tx, binary);
            Transaction throughBinary = TransactionBinary.read(new DataInputDeserializer(binary.getCopyOfBuffer()));

            assertThat(throughKryo).isEqualTo(tx).isEqualTo(throughBinary);
        }
    }

    @Test
    void aPayersHalfComesBackWithItsTransactionAndEveryFeature() throws IOException {
        for (int parts = 1; parts <= 4; parts++) {
            FeatureHalf payer =
                    FeatureHalf.payer("acct-a", parts, new SequencedTransaction(7, EVERY_FIELD), numbered());

            FeatureHalf back = roundTrip(payer);

            assertThat(back).usingRecursiveComparison().isEqualTo(payer);
        }
    }

    @Test
    void anotherKeysPartComesBackWithItsIdTimeAndTheFeaturesOfItsSideAlone() throws IOException {
        for (AccountEvent.Side side :
                new AccountEvent.Side[] {AccountEvent.Side.PAYEE, AccountEvent.Side.MERCHANT, AccountEvent.Side.DEVICE
                }) {
            FeatureHalf part = FeatureHalf.of("key-b", side, 4, new SequencedTransaction(7, EVERY_FIELD), numbered());

            FeatureHalf back = roundTrip(part);

            assertThat(back.transactionId()).isEqualTo("tx-1");
            assertThat(back.eventTimeMillis()).isEqualTo(EVERY_FIELD.timestamp().toEpochMilli());
            assertThat(back.transaction()).isNull();
            assertThat(back.side()).isEqualTo(side);
            assertThat(back.parts()).isEqualTo(4);
            Set<Feature> carried = new HashSet<>();
            for (int i : FeatureHalf.carried(side)) {
                carried.add(Feature.values()[i]);
            }
            for (Feature feature : Feature.values()) {
                assertThat(back.features()[feature.ordinal()])
                        .as(side + " " + feature.name())
                        .isEqualTo(carried.contains(feature) ? feature.ordinal() + 0.5 : 0.0);
            }
        }
    }

    @Test
    void eachKeyOtherThanThePayersCarriesItsOwnEntitysFeaturesAndThePayeeItsCounterpartyFeatures() {
        assertThat(names(AccountEvent.Side.PAYEE))
                .allMatch(name -> name.startsWith("cp_") || name.startsWith("payee_"))
                .contains("cp_prior_tx_count", "payee_tx_count_1d", "payee_fraud_accounts_30d");
        assertThat(names(AccountEvent.Side.MERCHANT))
                .allMatch(name -> name.startsWith("merchant_"))
                .hasSize(11);
        assertThat(names(AccountEvent.Side.DEVICE))
                .allMatch(name -> name.startsWith("device_"))
                .hasSize(11);
    }

    private static List<String> names(AccountEvent.Side side) {
        List<String> names = new ArrayList<>();
        for (int i : FeatureHalf.carried(side)) {
            names.add(Feature.values()[i].featureName());
        }
        return names;
    }

    @Test
    void halvesSavedInTheEarlierTwoHalfFormatStillReadSoThatOldStateRestores() throws IOException {
        DataOutputSerializer payer = new DataOutputSerializer(256);
        StringValue.writeString("acct-a", payer);
        payer.writeByte(1); // the payer's half of a transfer
        payer.writeLong(7);
        TransactionBinary.write(EVERY_FIELD, payer);
        for (double feature : numbered()) {
            payer.writeDouble(feature);
        }
        DataOutputSerializer payee = new DataOutputSerializer(256);
        StringValue.writeString("acct-b", payee);
        payee.writeByte(2); // the payee's half
        StringValue.writeString("tx-1", payee);
        payee.writeLong(EVERY_FIELD.timestamp().toEpochMilli());
        for (int i = Feature.CP_PRIOR_TX_COUNT.ordinal(); i <= Feature.CP_SENT_SIMILAR_7D.ordinal(); i++) {
            payee.writeDouble(i + 0.5);
        }
        FeatureHalfSerializer serializer = new FeatureHalfSerializer();

        FeatureHalf payersHalf = serializer.deserialize(new DataInputDeserializer(payer.getCopyOfBuffer()));
        FeatureHalf payeesHalf = serializer.deserialize(new DataInputDeserializer(payee.getCopyOfBuffer()));

        assertThat(payersHalf)
                .usingRecursiveComparison()
                .isEqualTo(FeatureHalf.payer("acct-a", 2, new SequencedTransaction(7, EVERY_FIELD), numbered()));
        assertThat(payeesHalf.side()).isEqualTo(AccountEvent.Side.PAYEE);
        assertThat(payeesHalf.parts()).isEqualTo(2);
        assertThat(payeesHalf.features()[Feature.CP_SENT_SIMILAR_7D.ordinal()])
                .isEqualTo(Feature.CP_SENT_SIMILAR_7D.ordinal() + 0.5);
        assertThat(payeesHalf.features()[Feature.PAYEE_TX_COUNT_1D.ordinal()]).isZero();
    }

    /** Feature i is i + 0.5, so that a value read into the wrong place shows. */
    private static double[] numbered() {
        double[] features = new double[Feature.COUNT];
        for (int i = 0; i < features.length; i++) {
            features[i] = i + 0.5;
        }
        return features;
    }

    private static FeatureHalf roundTrip(FeatureHalf half) throws IOException {
        FeatureHalfSerializer serializer = new FeatureHalfSerializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(half, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static AccountInput roundTrip(AccountInput input) throws IOException {
        AccountInputSerializer serializer = new AccountInputSerializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(input, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
