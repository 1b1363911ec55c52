package io.txmon.stream;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Currency;

/**
 * Writes a transaction field by field for Flink's Kryo, which the job registers for it. A transaction is no Flink
 * POJO (its currency is a {@link Currency}), so without this Kryo serializes it, on every one of the job's three
 * shuffles, by reflecting over the record: measured on the stream benchmark, Kryo took about a fifth of the
 * account-states task and a third of the decisions task (BENCHMARKS.md, "Streaming"). Its fields are {@link
 * TransactionBinary}'s, written with Kryo's own string and number writers rather than through a {@code DataOutput}
 * around Kryo's stream, which goes byte by byte; {@code TransactionSerializersTest} holds the two to each other.
 */
public final class TransactionKryoSerializer extends Serializer<Transaction> {
    private static final Channel[] CHANNELS = Channel.values();
    private static final TransactionType[] TYPES = TransactionType.values();

    public TransactionKryoSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, Transaction tx) {
        out.writeString(tx.transactionId());
        out.writeLong(tx.timestamp().getEpochSecond());
        out.writeInt(tx.timestamp().getNano());
        out.writeString(tx.userId());
        writeAmount(out, tx.amount());
        out.writeString(tx.currency().getCurrencyCode());
        out.writeByte(tx.type().ordinal());
        out.writeString(tx.counterpartyId());
        out.writeString(tx.merchantId());
        out.writeString(tx.merchantType());
        out.writeString(tx.location());
        out.writeString(tx.country());
        out.writeByte(tx.channel() == null ? -1 : tx.channel().ordinal());
        out.writeString(tx.deviceId());
    }

    @Override
    public Transaction read(Kryo kryo, Input in, Class<? extends Transaction> type) {
        String transactionId = in.readString();
        Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String userId = in.readString();
        BigDecimal amount = readAmount(in);
        Currency currency = Currency.getInstance(in.readString());
        TransactionType kind = TYPES[in.readByte()];
        String counterpartyId = in.readString();
        String merchantId = in.readString();
        String merchantType = in.readString();
        String location = in.readString();
        String country = in.readString();
        byte channel = in.readByte();
        String deviceId = in.readString();
        return new Transaction(
                transactionId,
                timestamp,
                userId,
                amount,
                currency,
                kind,
                counterpartyId,
                merchantId,
                merchantType,
                location,
                country,
                channel < 0 ? null : CHANNELS[channel],
                deviceId);
    }

    /** Exactly: the unscaled value (a long when it fits, as nearly every amount does) and the scale. */
    private static void writeAmount(Output out, BigDecimal amount) {
        BigInteger unscaled = amount.unscaledValue();
        out.writeInt(amount.scale());
        if (unscaled.bitLength() < Long.SIZE) {
            out.writeBoolean(true);
            out.writeLong(unscaled.longValueExact());
        } else {
            out.writeBoolean(false);
            byte[] bytes = unscaled.toByteArray();
            out.writeInt(bytes.length);
            out.writeBytes(bytes);
        }
    }

    private static BigDecimal readAmount(Input in) {
        int scale = in.readInt();
        BigInteger unscaled =
                in.readBoolean() ? BigInteger.valueOf(in.readLong()) : new BigInteger(in.readBytes(in.readInt()));
        return new BigDecimal(unscaled, scale);
    }
}
