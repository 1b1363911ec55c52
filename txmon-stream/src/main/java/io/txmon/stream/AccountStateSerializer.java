package io.txmon.stream;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for an account's state, in {@link AccountStateCodec}'s versioned format (the one storage
 * keeps). Keeping the state as an object under this serializer, rather than as bytes, lets the heap state backend
 * hold it as it is between events: measured on the stream benchmark, decoding and encoding every account's state on
 * every event took 69 % of the account-states task (BENCHMARKS.md). RocksDB still serializes on every access.
 *
 * <p>Not a singleton: each instance writes through a buffer of its own, so {@link #duplicate} gives every thread
 * (a task, a checkpoint's asynchronous part) its own.
 */
final class AccountStateSerializer extends TypeSerializer<AccountState> {
    private static final long serialVersionUID = 1L;

    /**
     * The codec writes a state (some 3.4 KB) as hundreds of separate longs and doubles. Written straight into Flink's
     * checkpoint stream, a call per value, states took 37 % of a checkpoint's asynchronous part on the stream
     * benchmark; written into this buffer and then in one piece, 16 % (JFR profiles, BENCHMARKS.md run 4).
     */
    private transient DataOutputSerializer buffer;

    @Override
    public TypeSerializer<AccountState> duplicate() {
        return new AccountStateSerializer();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountStateSerializer;
    }

    @Override
    public int hashCode() {
        return AccountStateSerializer.class.hashCode();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public AccountState createInstance() {
        return null;
    }

    /**
     * A deep copy: the heap backend copies a state an asynchronous snapshot is still writing before it changes, so
     * the first event of each account after every checkpoint pays it. Through the codec's bytes that was 15 % of the
     * account-states task on the stream benchmark; {@link AccountState#copy} copies the arrays.
     */
    @Override
    public AccountState copy(AccountState from) {
        return from.copy();
    }

    @Override
    public AccountState copy(AccountState from, AccountState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(AccountState record, DataOutputView target) throws IOException {
        if (buffer == null) {
            buffer = new DataOutputSerializer(8 * 1024);
        }
        buffer.clear();
        AccountStateCodec.write(record, buffer);
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    @Override
    public AccountState deserialize(DataInputView source) throws IOException {
        return AccountStateCodec.read(source);
    }

    @Override
    public AccountState deserialize(AccountState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<AccountState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records of this serializer: the codec's format carries its own version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AccountState> {
        public Snapshot() {
            super(AccountStateSerializer::new);
        }
    }
}
