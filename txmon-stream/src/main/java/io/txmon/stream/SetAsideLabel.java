package io.txmon.stream;

/**
 * A label the job did not learn, with why: it came after event time had passed the instant it became known, or its
 * transaction was not seen or already forgotten ({@link LabelledTransactions}).
 */
public record SetAsideLabel(OutcomeLabel label, String reason) {}
