package io.txmon.ingest;

/**
 * What one ingestion run did.
 *
 * @param runId the run's row in {@code ingestion_runs}
 * @param read records read, good and bad
 * @param inserted transactions stored and scored
 * @param duplicates transactions already stored, or repeated within the input
 * @param rejected records that broke the data contract
 * @param alerts alerts opened
 * @param rounded records whose amount was a binary float's rendering of an amount, read as that amount rounded
 *     to the currency's decimals (docs/file-formats.md); they are also counted as inserted, duplicates or rejected
 */
public record IngestionResult(
        long runId, long read, long inserted, long duplicates, long rejected, long alerts, long rounded) {

    /** The one line of JSON the {@code ingest} command ends with. */
    public String toJson() {
        return String.format(
                java.util.Locale.ROOT,
                "{\"run_id\": %d, \"read\": %d, \"inserted\": %d, \"duplicates\": %d, \"rejected\": %d, \"alerts\": %d,"
                        + " \"rounded\": %d}",
                runId,
                read,
                inserted,
                duplicates,
                rejected,
                alerts,
                rounded);
    }
}
