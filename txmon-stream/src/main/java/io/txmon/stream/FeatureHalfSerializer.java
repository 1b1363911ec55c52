package io.txmon.stream;

import io.txmon.features.Feature;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer for what crosses the shuffle to {@link DecisionJoin} and waits there for its partners: a payer's
 * part with its transaction and whole vector, or another key's with only the features it carries. Under Flink's POJO
 * serializer, reading halves took 18 % of the decisions task on the stream benchmark, a payee's half carrying a
 * whole transaction and vector it does not need (BENCHMARKS.md, "Streaming").
 */
final class FeatureHalfSerializer extends ImmutableValueSerializer<FeatureHalf> {
    private static final long serialVersionUID = 1L;
    private static final AccountEvent.Side[] SIDES = AccountEvent.Side.values();
    /**
     * A part is written with its side's ordinal plus this, then how many parts its transaction has. Below it are the
     * kinds the earlier format (two halves at most) wrote, still read so that state it saved restores.
     */
    private static final int SIDE_TAG = 8;

    private static final byte HALF_OF_PAYER = 0;
    private static final byte HALF_OF_PAYER_OF_TRANSFER = 1;
    private static final byte HALF_OF_PAYEE = 2;

    @Override
    public void serialize(FeatureHalf half, DataOutputView out) throws IOException {
        StringValue.writeString(half.accountId(), out);
        double[] features = half.features();
        out.writeByte(SIDE_TAG + half.side().ordinal());
        out.writeByte(half.parts());
        if (half.side() == AccountEvent.Side.PAYER) {
            out.writeLong(half.transaction().sequence());
            TransactionBinary.write(half.transaction().transaction(), out);
            for (double feature : features) {
                out.writeDouble(feature);
            }
        } else {
            StringValue.writeString(half.transactionId(), out);
            out.writeLong(half.eventTimeMillis());
            for (int i : FeatureHalf.carried(half.side())) {
                out.writeDouble(features[i]);
            }
        }
    }

    @Override
    public FeatureHalf deserialize(DataInputView in) throws IOException {
        String accountId = StringValue.readString(in);
        byte tag = in.readByte();
        int side;
        int parts;
        if (tag == HALF_OF_PAYER || tag == HALF_OF_PAYER_OF_TRANSFER || tag == HALF_OF_PAYEE) {
            side = tag == HALF_OF_PAYEE ? AccountEvent.Side.PAYEE.ordinal() : AccountEvent.Side.PAYER.ordinal();
            parts = tag == HALF_OF_PAYER ? 1 : 2;
        } else {
            side = tag - SIDE_TAG;
            if (side < 0 || side >= SIDES.length) {
                throw new IOException("not a part of a transaction's features: tag " + tag);
            }
            parts = in.readByte();
        }
        double[] features = new double[Feature.COUNT];
        if (tag == HALF_OF_PAYEE) {
            // The earlier format's payee half: its cp_ features alone.
            String transactionId = StringValue.readString(in);
            long eventTime = in.readLong();
            for (int i = Feature.CP_PRIOR_TX_COUNT.ordinal(); i <= Feature.CP_SENT_SIMILAR_7D.ordinal(); i++) {
                features[i] = in.readDouble();
            }
            return new FeatureHalf(accountId, AccountEvent.Side.PAYEE, parts, transactionId, eventTime, null, features);
        }
        if (SIDES[side] != AccountEvent.Side.PAYER) {
            String transactionId = StringValue.readString(in);
            long eventTime = in.readLong();
            for (int i : FeatureHalf.carried(SIDES[side])) {
                features[i] = in.readDouble();
            }
            return new FeatureHalf(accountId, SIDES[side], parts, transactionId, eventTime, null, features);
        }
        SequencedTransaction sequenced = new SequencedTransaction(in.readLong(), TransactionBinary.read(in));
        for (int i = 0; i < features.length; i++) {
            features[i] = in.readDouble();
        }
        return FeatureHalf.payer(accountId, parts, sequenced, features);
    }

    @Override
    public TypeSerializerSnapshot<FeatureHalf> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records of this serializer: it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FeatureHalf> {
        public Snapshot() {
            super(FeatureHalfSerializer::new);
        }
    }
}
