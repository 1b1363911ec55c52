package io.txmon.payments;

import io.txmon.ingest.Detection;
import io.txmon.transaction.Transaction;

/** The decision path a payment goes through before it posts: the decision comes back once stored. */
@FunctionalInterface
public interface Screening {
    /**
     * Decides on {@code transfer} and stores it with its decision (and an alert, unless approved).
     *
     * @throws RuntimeException when no decision could be stored: then nothing is posted
     */
    Detection screen(Transaction transfer);
}
