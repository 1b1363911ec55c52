package io.txmon.formats;

/**
 * One record's text as framed from a file, before its fields are split.
 *
 * @param line 1-based line where the record starts
 * @param text the record without its line break; only the first {@link RecordFramer#MAX_RECORD_CHARS}
 *     characters when it is longer
 * @param length the record's full length in characters
 * @param invalidUtf8 whether the record held bytes that are not UTF-8
 * @param unclosedQuote whether the file ended inside a quoted field of this record
 */
record RawRecord(long line, String text, long length, boolean invalidUtf8, boolean unclosedQuote) {

    boolean tooLong() {
        return length > RecordFramer.MAX_RECORD_CHARS;
    }
}
