package io.txmon.ingest;

/** A run's running totals; written with every chunk so that the run row always matches what is stored. */
final class RunCounts {
    long read;
    long inserted;
    long duplicates;
    long rejected;
    long alerts;

    IngestionResult result(long runId) {
        return new IngestionResult(runId, read, inserted, duplicates, rejected, alerts);
    }
}
