package io.txmon.stream;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for an account's state, in {@link AccountStateCodec}'s versioned format (the one storage
 * keeps). Keeping the state as an object under this serializer, rather than as bytes, lets the heap state backend
 * hold it as it is between events: measured on the stream benchmark, decoding and encoding every account's state on
 * every event took 69 % of the account-states task (BENCHMARKS.md). RocksDB still serializes on every access.
 */
final class AccountStateSerializer extends TypeSerializerSingleton<AccountState> {
    static final AccountStateSerializer INSTANCE = new AccountStateSerializer();

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public AccountState createInstance() {
        return null;
    }

    /** A deep copy: the heap backend copies a state an asynchronous snapshot is still writing before it changes. */
    @Override
    public AccountState copy(AccountState from) {
        try {
            return AccountStateCodec.fromBytes(AccountStateCodec.toBytes(from));
        } catch (IOException e) {
            throw new IllegalStateException("an account state did not read back from its own bytes", e);
        }
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
        AccountStateCodec.write(record, target);
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
            super(() -> INSTANCE);
        }
    }
}
