package io.txmon.stream;

/**
 * A transaction that reached one of its accounts after the watermark had passed its event time: not decided, and
 * kept with why, for the {@code late} output.
 *
 * @param accountId the account it came too late for (its payer, or the payee of a transfer)
 * @param eventTimeMillis its event time
 * @param watermarkMillis how far event time had come when it arrived
 */
public record LateTransaction(
        String transactionId, String accountId, long eventTimeMillis, long watermarkMillis, String reason) {}
