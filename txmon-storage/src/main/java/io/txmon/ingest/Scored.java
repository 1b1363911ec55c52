package io.txmon.ingest;

import io.txmon.scoring.Decision;
import io.txmon.transaction.Transaction;

/** A transaction with the decision made on it and its place in the stored order. */
record Scored(Transaction transaction, Decision decision, long sequenceNumber) {}
