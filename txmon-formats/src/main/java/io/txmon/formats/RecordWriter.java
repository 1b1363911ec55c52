package io.txmon.formats;

/**
 * Writes records to a file one at a time, in the format its name asks for. Not thread-safe. Closing it
 * flushes and closes the file; a failure to write throws {@link DataFileException}.
 *
 * @param <T> the kind of record
 */
public interface RecordWriter<T> extends AutoCloseable {

    /** Appends one record. */
    void write(T record);

    /** Appends every record, in order. */
    default void writeAll(Iterable<? extends T> records) {
        for (T record : records) {
            write(record);
        }
    }

    @Override
    void close();
}
