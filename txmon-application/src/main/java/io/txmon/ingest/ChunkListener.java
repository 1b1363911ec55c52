package io.txmon.ingest;

/** Told before each chunk commits; tests use it to interrupt a run part-way. */
@FunctionalInterface
public interface ChunkListener {
    ChunkListener NONE = chunk -> {};

    /** Called with the run's 1-based chunk number, inside the chunk's database transaction. */
    void beforeCommit(int chunk);
}
