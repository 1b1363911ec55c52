/**
 * Ingestion: files of transactions read into the database, each scored once through the one decision path,
 * in chunks that commit with everything they decided, so that re-runs and interrupted runs add nothing twice. Doors
 * that decide elsewhere (the Flink job) store their decisions in the same tables through {@link
 * io.txmon.ingest.ExternalDecisions}.
 */
package io.txmon.ingest;
