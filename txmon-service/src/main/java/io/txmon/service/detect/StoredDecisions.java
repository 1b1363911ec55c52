package io.txmon.service.detect;

import io.txmon.ingest.Detection;
import io.txmon.ingest.TransactionNotDecidedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for a decision to be stored, for any caller of the decision path: a 503 when it is not, in time; the
 * {@link TransactionNotDecidedException} of a transaction that alone could not be decided passes through (a 500).
 */
public final class StoredDecisions {
    private StoredDecisions() {}

    /**
     * The decision once stored.
     *
     * @throws DetectionUnavailableException when it was not stored within {@code timeout}, or could not be
     * @throws TransactionNotDecidedException when this transaction alone could not be decided
     */
    public static Detection await(CompletableFuture<Detection> answer, Duration timeout) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DetectionUnavailableException("no decision was stored within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransactionNotDecidedException notDecided) {
                // This transaction alone failed, and was logged where it did: a 500 for this request, not a 503.
                throw notDecided;
            }
            throw new DetectionUnavailableException("the decision could not be stored");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectionUnavailableException("interrupted while waiting for the decision");
        }
    }
}
