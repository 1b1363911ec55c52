package io.txmon.stream;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoDataInput;
import com.esotericsoftware.kryo.io.KryoDataOutput;
import com.esotericsoftware.kryo.io.Output;
import io.txmon.transaction.Transaction;
import java.io.IOException;

/**
 * Writes a transaction field by field for Flink's Kryo, which the job registers for it. A transaction is no Flink
 * POJO (its currency is a {@link java.util.Currency}), so without this Kryo serializes it, on every one of the job's
 * shuffles, by reflecting over the record: measured on the stream benchmark, Kryo took about a fifth of the
 * account-states task and a third of the decisions task (BENCHMARKS.md, "Streaming"). The fields are {@link
 * TransactionBinary}'s, written through Kryo's own {@code DataOutput} over its buffer.
 */
public final class TransactionKryoSerializer extends Serializer<Transaction> {
    public TransactionKryoSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, Transaction tx) {
        try {
            TransactionBinary.write(tx, new KryoDataOutput(out));
        } catch (IOException e) {
            throw new KryoException("cannot write transaction " + tx.transactionId(), e);
        }
    }

    @Override
    public Transaction read(Kryo kryo, Input in, Class<? extends Transaction> type) {
        try {
            return TransactionBinary.read(new KryoDataInput(in));
        } catch (IOException e) {
            throw new KryoException("cannot read a transaction", e);
        }
    }
}
