package io.txmon.transaction;

/**
 * The text of one record's fields by their contract names, whatever the record came from (a CSV row, a
 * JSON object, an HTTP body). Returns {@code null} when the field is absent.
 */
@FunctionalInterface
public interface FieldSource {
    String get(String field);
}
