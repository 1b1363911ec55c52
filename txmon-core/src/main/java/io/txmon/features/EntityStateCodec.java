package io.txmon.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The saved form of one {@link EntityState}: a format version byte, whether it tracks accounts, then every field
 * exactly, so that a state saved and read back gives the next transaction the same features as the live one.
 *
 * <p>Format 1 is what this class writes. A later format must keep reading format 1.
 */
public final class EntityStateCodec {
    /** The format this codec writes. */
    public static final int FORMAT_VERSION = 1;

    private EntityStateCodec() {}

    public static byte[] toBytes(EntityState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeBoolean(state.tracksAccounts());
            out.writeLong(state.firstSeenMillis);
            out.writeLong(state.newestDay);
            for (int i = 0; i < state.count.length; i++) {
                out.writeInt(state.count[i]);
                out.writeInt(state.fraud[i]);
            }
            if (state.tracksAccounts()) {
                state.accounts.writeTo(out);
                state.fraudAccounts.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state saved by {@link #toBytes}.
     *
     * @throws IllegalArgumentException when the bytes are not a saved entity state of a known format
     */
    public static EntityState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown entity state format " + version);
            }
            boolean tracksAccounts = in.readBoolean();
            EntityState state =
                    EntityState.open(tracksAccounts ? EntityKind.MERCHANT : EntityKind.ACCOUNT, in.readLong());
            state.newestDay = in.readLong();
            for (int i = 0; i < state.count.length; i++) {
                state.count[i] = in.readInt();
                state.fraud[i] = in.readInt();
            }
            if (tracksAccounts) {
                state.accounts.readFrom(in);
                state.fraudAccounts.readFrom(in);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("saved entity state has " + in.available() + " bytes too many");
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a saved entity state: " + e.getMessage(), e);
        }
    }
}
