package io.txmon.stream;

import io.txmon.features.EntityState;
import io.txmon.features.EntityStateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for an entity's state ({@link EntityState}), in {@link EntityStateCodec}'s versioned format,
 * preceded by its length: the codec reads a whole byte array and refuses trailing bytes. Kept as an object in keyed
 * state for the reason {@link AccountStateSerializer} gives; a state is some 300 bytes, so no buffer of its own.
 */
final class EntityStateSerializer extends TypeSerializer<EntityState> {
    private static final long serialVersionUID = 1L;

    @Override
    public TypeSerializer<EntityState> duplicate() {
        return this; // stateless
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntityStateSerializer;
    }

    @Override
    public int hashCode() {
        return EntityStateSerializer.class.hashCode();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public EntityState createInstance() {
        return null;
    }

    @Override
    public EntityState copy(EntityState from) {
        return from.copy();
    }

    @Override
    public EntityState copy(EntityState from, EntityState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EntityState record, DataOutputView target) throws IOException {
        byte[] bytes = EntityStateCodec.toBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public EntityState deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        try {
            return EntityStateCodec.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public EntityState deserialize(EntityState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        // Through an array: DataOutputSerializer.write(DataInputView, int) refuses to grow its buffer.
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public TypeSerializerSnapshot<EntityState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records of this serializer: the codec's format carries its own version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EntityState> {
        public Snapshot() {
            super(EntityStateSerializer::new);
        }
    }
}
