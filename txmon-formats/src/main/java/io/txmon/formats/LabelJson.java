package io.txmon.formats;

import io.txmon.labels.ReportedLabel;
import io.txmon.transaction.InvalidFieldException;
import java.util.List;

/**
 * Labels as JSON objects, such as an HTTP API receives them: read exactly as the records of a JSON Lines labels file
 * are ({@link LabelFiles#readReported}), so that a label refused in a file is refused on the API with the same reason.
 */
public final class LabelJson {
    private static final JsonRecords RECORDS = new JsonRecords(LabelFiles.schema());

    private LabelJson() {}

    /**
     * The label in one JSON object: {@code transaction_id}, {@code label} (1, 0, true or false), {@code typology}
     * (none for an ordinary transaction) and {@code labelled_at} (an ISO-8601 instant), the last two optional.
     *
     * @throws InvalidFieldException naming the field that breaks the contract, or {@code record} for text that is
     *     not one JSON object
     */
    public static ReportedLabel parse(String object) {
        RecordFields fields = RECORDS.fields(new RawRecord(1, object, object.length(), false, false));
        return LabelFiles.schema().parser().apply(fields);
    }

    /**
     * The text of each element of a JSON array, in order, for {@link #parse}.
     *
     * @throws InvalidFieldException naming {@code labels} when the text is not a JSON array of objects
     */
    public static List<String> elements(String array) {
        return JsonArrays.elements(array, "labels");
    }
}
