package io.txmon.analytics;

/**
 * What one refresh took in: the transactions new to the analytics and the sequence number they now reach.
 *
 * @param newTransactions transactions with a sequence number above the previous watermark
 * @param lastSequenceNumber the highest sequence number in the analytics, or null while there is none
 */
public record RefreshResult(long newTransactions, Long lastSequenceNumber) {}
