package io.txmon.stream;

import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Currency;
import org.apache.flink.types.StringValue;

/**
 * A transaction written field by field, as the job's serializers carry it between tasks and keep it in state: the
 * amount exactly (unscaled value and scale), absent optional fields as nulls: the one field list behind {@link
 * AccountInputSerializer} and {@link TransactionKryoSerializer}.
 */
final class TransactionBinary {
    private static final Channel[] CHANNELS = Channel.values();
    private static final TransactionType[] TYPES = TransactionType.values();

    private TransactionBinary() {}

    static void write(Transaction tx, DataOutput out) throws IOException {
        StringValue.writeString(tx.transactionId(), out);
        out.writeLong(tx.timestamp().getEpochSecond());
        out.writeInt(tx.timestamp().getNano());
        StringValue.writeString(tx.userId(), out);
        writeAmount(tx.amount(), out);
        StringValue.writeString(tx.currency().getCurrencyCode(), out);
        out.writeByte(tx.type().ordinal());
        StringValue.writeString(tx.counterpartyId(), out);
        StringValue.writeString(tx.merchantId(), out);
        StringValue.writeString(tx.merchantType(), out);
        StringValue.writeString(tx.location(), out);
        StringValue.writeString(tx.country(), out);
        out.writeByte(tx.channel() == null ? -1 : tx.channel().ordinal());
        StringValue.writeString(tx.deviceId(), out);
    }

    static Transaction read(DataInput in) throws IOException {
        String transactionId = StringValue.readString(in);
        Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String userId = StringValue.readString(in);
        BigDecimal amount = readAmount(in);
        Currency currency = Currency.getInstance(StringValue.readString(in));
        TransactionType kind = TYPES[in.readByte()];
        String counterpartyId = StringValue.readString(in);
        String merchantId = StringValue.readString(in);
        String merchantType = StringValue.readString(in);
        String location = StringValue.readString(in);
        String country = StringValue.readString(in);
        byte channel = in.readByte();
        String deviceId = StringValue.readString(in);
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

    /** Exactly: the scale and the unscaled value, a long when it fits (as nearly every amount does). */
    static void writeAmount(BigDecimal amount, DataOutput out) throws IOException {
        BigInteger unscaled = amount.unscaledValue();
        out.writeInt(amount.scale());
        if (unscaled.bitLength() < Long.SIZE) {
            out.writeBoolean(true);
            out.writeLong(unscaled.longValueExact());
        } else {
            out.writeBoolean(false);
            byte[] bytes = unscaled.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    static BigDecimal readAmount(DataInput in) throws IOException {
        int scale = in.readInt();
        BigInteger unscaled;
        if (in.readBoolean()) {
            unscaled = BigInteger.valueOf(in.readLong());
        } else {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            unscaled = new BigInteger(bytes);
        }
        return new BigDecimal(unscaled, scale);
    }
}
