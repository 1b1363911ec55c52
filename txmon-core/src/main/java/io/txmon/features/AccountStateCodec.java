package io.txmon.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The saved form of one {@link AccountState}: a format version byte, then every field exactly (doubles
 * bit for bit), so that a state saved and read back scores the next transaction exactly as the live one
 * would. Keyed stores (the database's account states) hold these bytes per account.
 *
 * <p>Format 1 is what this class writes. A later format must keep reading format 1.
 */
public final class AccountStateCodec {
    /** The format this codec writes. */
    public static final int FORMAT_VERSION = 1;

    /** The most bytes one saved state takes, reached once every memory of the account is full. */
    public static final int MAX_SAVED_BYTES = 1 // version
            + 6 * Long.BYTES
            + 1
            + Double.BYTES // scalars
            + 24 * Integer.BYTES // hour histogram
            + 1
            + RecentMovements.CAPACITY * (Long.BYTES + Double.BYTES + 1 + 2 * Integer.BYTES)
            + Long.BYTES
            + (HourlyTotals.HOURS_BACK + 1) * 6 * Double.BYTES
            + Long.BYTES
            + (DailyTotals.DAYS_BACK + 1) * 5 * Double.BYTES
            + keySetBytes(AccountState.CITY_MEMORY)
            + keySetBytes(AccountState.COUNTRY_MEMORY)
            + keySetBytes(AccountState.DEVICE_MEMORY)
            + keySetBytes(AccountState.MERCHANT_MEMORY)
            + 2 * keySetBytes(AccountState.COUNTERPARTY_MEMORY)
            + amountRingBytes(AccountState.DEPOSIT_MEMORY)
            + amountRingBytes(AccountState.TRANSFER_MEMORY);

    private AccountStateCodec() {}

    private static int keySetBytes(int capacity) {
        return 1 + capacity * 3 * Integer.BYTES;
    }

    private static int amountRingBytes(int capacity) {
        return 1 + capacity * (Long.BYTES + Double.BYTES);
    }

    public static void write(AccountState state, DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(state.openedAtMillis);
        out.writeLong(state.firstSeenMillis);
        out.writeBoolean(state.business);
        out.writeBoolean(state.balanceKnown);
        out.writeDouble(state.balance);
        out.writeLong(state.latestMillis);
        out.writeLong(state.lastInitiatedMillis);
        out.writeLong(state.initiatedCount);
        out.writeLong(state.movementCount);
        for (int c : state.hourCounts) {
            out.writeInt(c);
        }
        state.recent.writeTo(out);
        state.hourly.writeTo(out);
        state.daily.writeTo(out);
        state.cities.writeTo(out);
        state.countries.writeTo(out);
        state.devices.writeTo(out);
        state.merchants.writeTo(out);
        state.receivers.writeTo(out);
        state.senders.writeTo(out);
        state.deposits.writeTo(out);
        state.transfersOut.writeTo(out);
    }

    /**
     * Reads a state written by {@link #write}.
     *
     * @throws IOException when the bytes are not a saved account state of a format this version reads
     */
    public static AccountState read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new IOException(
                    "saved account state has format " + version + "; this txmon reads format " + FORMAT_VERSION);
        }
        AccountState state = new AccountState();
        state.openedAtMillis = in.readLong();
        state.firstSeenMillis = in.readLong();
        state.business = in.readBoolean();
        state.balanceKnown = in.readBoolean();
        state.balance = in.readDouble();
        state.latestMillis = in.readLong();
        state.lastInitiatedMillis = in.readLong();
        state.initiatedCount = in.readLong();
        state.movementCount = in.readLong();
        for (int h = 0; h < state.hourCounts.length; h++) {
            state.hourCounts[h] = in.readInt();
        }
        state.recent.readFrom(in);
        state.hourly.readFrom(in);
        state.daily.readFrom(in);
        state.cities.readFrom(in);
        state.countries.readFrom(in);
        state.devices.readFrom(in);
        state.merchants.readFrom(in);
        state.receivers.readFrom(in);
        state.senders.readFrom(in);
        state.deposits.readFrom(in);
        state.transfersOut.readFrom(in);
        return state;
    }

    /** The state's saved form as bytes. */
    public static byte[] toBytes(AccountState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state from its saved bytes.
     *
     * @throws IOException when the bytes are not a saved account state of a format this version reads
     */
    public static AccountState fromBytes(byte[] saved) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved));
        AccountState state = read(in);
        if (in.available() > 0) {
            throw new IOException("saved account state has " + in.available() + " unexpected trailing bytes");
        }
        return state;
    }
}
