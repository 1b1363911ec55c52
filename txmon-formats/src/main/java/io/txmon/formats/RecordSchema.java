package io.txmon.formats;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a reader needs to know about one kind of record.
 *
 * @param fields every field the record type reads; anything else in a file is ignored
 * @param requiredColumns the columns a CSV header must have, or the whole file is refused
 * @param listFields the fields that hold lists (a JSON array, or items joined with {@code ;})
 * @param parser turns a record's fields into a value, throwing {@link io.txmon.transaction.InvalidFieldException}
 * @param <T> the kind of record
 */
record RecordSchema<T>(
        List<String> fields, List<String> requiredColumns, Set<String> listFields, Function<RecordFields, T> parser) {

    RecordSchema {
        fields = List.copyOf(fields);
        requiredColumns = List.copyOf(requiredColumns);
        listFields = Set.copyOf(listFields);
        Objects.requireNonNull(parser, "parser");
        if (!fields.containsAll(requiredColumns) || !fields.containsAll(listFields)) {
            throw new IllegalArgumentException("fields " + fields + " must include the required columns "
                    + requiredColumns + " and the list fields " + listFields);
        }
    }

    /** A schema without list fields. */
    static <T> RecordSchema<T> of(List<String> fields, List<String> requiredColumns, Function<RecordFields, T> parser) {
        return new RecordSchema<>(fields, requiredColumns, Set.of(), parser);
    }
}
