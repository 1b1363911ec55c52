package io.txmon.ingest;

import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Sending transactions through the online door as its callers do, for the tests of the door. */
final class OnlineDetections {
    private OnlineDetections() {}

    /** Sends every transaction without waiting between them, then waits for every answer. */
    static void detectAll(OnlineIngestion online, List<Transaction> transactions) throws Exception {
        List<CompletableFuture<Detection>> answers = new ArrayList<>();
        for (Transaction tx : transactions) {
            answers.add(online.detect(tx));
        }
        for (CompletableFuture<Detection> answer : answers) {
            answer.get(30, TimeUnit.SECONDS);
        }
    }

    /** A copy in event-time order, ties in the given order. */
    static List<Transaction> ordered(List<Transaction> transactions) {
        List<Transaction> ordered = new ArrayList<>(transactions);
        ordered.sort(Comparator.comparing(Transaction::timestamp));
        return ordered;
    }
}
