package io.txmon.stream;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.txmon.transaction.Transaction;

/**
 * Writes an account's event field by field for Flink's Kryo: events reach {@link AccountStates} as the sealed
 * {@link AccountInput}, which Flink can only hand to Kryo, whose reflection over records costs more than the
 * features the event is for (see {@link TransactionKryoSerializer}).
 */
public final class AccountEventKryoSerializer extends Serializer<AccountEvent> {
    private static final AccountEvent.Side[] SIDES = AccountEvent.Side.values();

    public AccountEventKryoSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, AccountEvent event) {
        out.writeString(event.accountId());
        out.writeByte(event.side().ordinal());
        out.writeLong(event.sequence());
        kryo.writeObject(out, event.transaction());
    }

    @Override
    public AccountEvent read(Kryo kryo, Input in, Class<? extends AccountEvent> type) {
        return new AccountEvent(
                in.readString(), SIDES[in.readByte()], in.readLong(), kryo.readObject(in, Transaction.class));
    }
}
