package io.txmon.ingest;

/** A run's running totals; written with every chunk so that the run row always matches what is stored. */
final class RunCounts {
    long read;
    long inserted;
    long duplicates;
    long rejected;
    long alerts;
    long rounded;

    IngestionResult result(long runId) {
        return new IngestionResult(runId, read, inserted, duplicates, rejected, alerts, rounded);
    }

    RunCounts copy() {
        RunCounts copy = new RunCounts();
        copy.set(this);
        return copy;
    }

    void add(RunCounts delta) {
        read += delta.read;
        inserted += delta.inserted;
        duplicates += delta.duplicates;
        rejected += delta.rejected;
        alerts += delta.alerts;
        rounded += delta.rounded;
    }

    void set(RunCounts other) {
        read = other.read;
        inserted = other.inserted;
        duplicates = other.duplicates;
        rejected = other.rejected;
        alerts = other.alerts;
        rounded = other.rounded;
    }
}
