package io.txmon.formats;

import io.txmon.transaction.FieldSource;
import java.util.ArrayList;
import java.util.List;

/** The fields of one record, whether it was a CSV row or a JSON object, by their contract names. */
interface RecordFields extends FieldSource {

    /** Separates the items of a list field in CSV, and in a JSON string given for a list. */
    char LIST_SEPARATOR = ';';

    /**
     * The items of a list field such as {@code reason_codes}: a JSON array of strings, or text with the
     * items separated by {@value #LIST_SEPARATOR}. Blank items are left out; empty when absent.
     */
    default List<String> list(String field) {
        return split(get(field));
    }

    static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        if (text == null) {
            return items;
        }
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(LIST_SEPARATOR, start);
            if (end < 0) {
                end = text.length();
            }
            String item = text.substring(start, end).strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
            start = end + 1;
        }
        return items;
    }
}
