package io.txmon.stream;

import io.txmon.transaction.AccountType;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer for what crosses the shuffle to {@link AccountStates}: a key's event (the transaction as
 * {@link TransactionBinary} writes it), new reference data or a known outcome, told apart by a leading byte. {@link AccountInput} is
 * sealed, which Flink can only hand to Kryo: through Kryo's stream over Flink's buffers, reading these events took a
 * sixth of the account-states task on the stream benchmark (BENCHMARKS.md, "Streaming").
 */
final class AccountInputSerializer extends ImmutableValueSerializer<AccountInput> {
    private static final long serialVersionUID = 1L;
    private static final byte EVENT = 0;
    private static final byte UPDATE = 1;
    private static final byte OUTCOME = 2;
    private static final AccountEvent.Side[] SIDES = AccountEvent.Side.values();
    private static final AccountType[] ACCOUNT_TYPES = AccountType.values();

    @Override
    public void serialize(AccountInput input, DataOutputView out) throws IOException {
        if (input instanceof AccountEvent event) {
            out.writeByte(EVENT);
            StringValue.writeString(event.accountId(), out);
            out.writeByte(event.side().ordinal());
            out.writeLong(event.sequence());
            TransactionBinary.write(event.transaction(), out);
        } else if (input instanceof AccountOutcome outcome) {
            out.writeByte(OUTCOME);
            StringValue.writeString(outcome.accountId(), out);
            out.writeByte(outcome.side().ordinal());
            out.writeLong(outcome.knownAtMillis());
            out.writeByte(outcome.delta());
            TransactionBinary.write(outcome.transaction(), out);
        } else {
            ReferenceAccount account = ((AccountUpdate) input).reference();
            out.writeByte(UPDATE);
            StringValue.writeString(account.userId(), out);
            out.writeBoolean(account.openedAt() != null);
            if (account.openedAt() != null) {
                out.writeLong(account.openedAt().getEpochSecond());
                out.writeInt(account.openedAt().getNano());
            }
            out.writeByte(
                    account.accountType() == null ? -1 : account.accountType().ordinal());
            StringValue.writeString(account.country(), out);
            StringValue.writeString(account.city(), out);
            out.writeBoolean(account.openingBalance() != null);
            if (account.openingBalance() != null) {
                TransactionBinary.writeAmount(account.openingBalance(), out);
            }
        }
    }

    @Override
    public AccountInput deserialize(DataInputView in) throws IOException {
        byte kind = in.readByte();
        if (kind == EVENT) {
            return new AccountEvent(
                    StringValue.readString(in), SIDES[in.readByte()], in.readLong(), TransactionBinary.read(in));
        }
        if (kind == OUTCOME) {
            return new AccountOutcome(
                    StringValue.readString(in),
                    SIDES[in.readByte()],
                    in.readLong(),
                    in.readByte(),
                    TransactionBinary.read(in));
        }
        if (kind != UPDATE) {
            throw new IOException("not an account input: kind " + kind);
        }
        String userId = StringValue.readString(in);
        Instant openedAt = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        byte type = in.readByte();
        String country = StringValue.readString(in);
        String city = StringValue.readString(in);
        return new AccountUpdate(new ReferenceAccount(
                userId,
                openedAt,
                type < 0 ? null : ACCOUNT_TYPES[type],
                country,
                city,
                in.readBoolean() ? TransactionBinary.readAmount(in) : null));
    }

    @Override
    public TypeSerializerSnapshot<AccountInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records of this serializer: it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AccountInput> {
        public Snapshot() {
            super(AccountInputSerializer::new);
        }
    }
}
