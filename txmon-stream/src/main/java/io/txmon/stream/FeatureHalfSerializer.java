package io.txmon.stream;

import io.txmon.features.Feature;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer for what crosses the shuffle to {@link DecisionJoin} and waits there for its partner: a payer's
 * half with its transaction and whole vector, or a payee's with only its {@code cp_} features. Under Flink's POJO
 * serializer, reading halves took 18 % of the decisions task on the stream benchmark, a payee's half carrying a
 * whole transaction and vector it does not need (BENCHMARKS.md, "Streaming").
 */
final class FeatureHalfSerializer extends ImmutableValueSerializer<FeatureHalf> {
    private static final long serialVersionUID = 1L;
    private static final byte PAYER = 0;
    private static final byte PAYER_OF_TRANSFER = 1;
    private static final byte PAYEE = 2;

    @Override
    public void serialize(FeatureHalf half, DataOutputView out) throws IOException {
        StringValue.writeString(half.accountId(), out);
        double[] features = half.features();
        if (half.side() == AccountEvent.Side.PAYER) {
            out.writeByte(half.expectsPayee() ? PAYER_OF_TRANSFER : PAYER);
            out.writeLong(half.transaction().sequence());
            TransactionBinary.write(half.transaction().transaction(), out);
            for (double feature : features) {
                out.writeDouble(feature);
            }
        } else {
            out.writeByte(PAYEE);
            StringValue.writeString(half.transactionId(), out);
            out.writeLong(half.eventTimeMillis());
            for (int i = FeatureHalf.PAYEE_FROM; i <= FeatureHalf.PAYEE_TO; i++) {
                out.writeDouble(features[i]);
            }
        }
    }

    @Override
    public FeatureHalf deserialize(DataInputView in) throws IOException {
        String accountId = StringValue.readString(in);
        byte kind = in.readByte();
        double[] features = new double[Feature.COUNT];
        if (kind == PAYEE) {
            String transactionId = StringValue.readString(in);
            long eventTime = in.readLong();
            for (int i = 0; i < FeatureHalf.PAYEE_COUNT; i++) {
                features[FeatureHalf.PAYEE_FROM + i] = in.readDouble();
            }
            return new FeatureHalf(accountId, AccountEvent.Side.PAYEE, true, transactionId, eventTime, null, features);
        }
        if (kind != PAYER && kind != PAYER_OF_TRANSFER) {
            throw new IOException("not a half of a transaction's features: kind " + kind);
        }
        SequencedTransaction sequenced = new SequencedTransaction(in.readLong(), TransactionBinary.read(in));
        for (int i = 0; i < features.length; i++) {
            features[i] = in.readDouble();
        }
        return FeatureHalf.payer(accountId, kind == PAYER_OF_TRANSFER, sequenced, features);
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
