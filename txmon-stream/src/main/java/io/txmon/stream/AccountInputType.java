package io.txmon.stream;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type for {@link AccountInput}, serialized by {@link AccountInputSerializer} instead of Kryo. */
final class AccountInputType extends TypeInformation<AccountInput> {
    static final AccountInputType INSTANCE = new AccountInputType();

    private static final long serialVersionUID = 1L;

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
    public Class<AccountInput> getTypeClass() {
        return AccountInput.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<AccountInput> createSerializer(SerializerConfig config) {
        return new AccountInputSerializer();
    }

    @Override
    public String toString() {
        return "AccountInput";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountInputType;
    }

    @Override
    public int hashCode() {
        return AccountInputType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof AccountInputType;
    }
}
