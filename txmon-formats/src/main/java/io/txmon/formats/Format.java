package io.txmon.formats;

/** The record syntax of a data file, as its name tells. */
enum Format {
    /** RFC 4180 comma-separated values with a header row. */
    CSV,
    /** One JSON object per line (JSON Lines, also called NDJSON). */
    JSON_LINES
}
