/**
 * Ingestion: files of transactions read into the database, each scored once through the one decision path,
 * in chunks that commit with everything they decided, so that re-runs and interrupted runs add nothing twice.
 */
package io.txmon.ingest;
