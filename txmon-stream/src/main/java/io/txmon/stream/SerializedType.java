package io.txmon.stream;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type for one of the job's values written by a serializer of the job's own rather than by Kryo or Flink's
 * POJO serializer, which reflect over every record (BENCHMARKS.md, "Streaming").
 */
final class SerializedType<T> extends TypeInformation<T> {
    static final SerializedType<AccountInput> ACCOUNT_INPUT =
            new SerializedType<>(AccountInput.class, new AccountInputSerializer());
    static final SerializedType<FeatureHalf> FEATURE_HALF =
            new SerializedType<>(FeatureHalf.class, new FeatureHalfSerializer());

    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private final ImmutableValueSerializer<T> serializer;

    private SerializedType(Class<T> type, ImmutableValueSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer; // immutable and stateless: one instance serves every task
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SerializedType<?> that && that.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof SerializedType<?>;
    }
}
