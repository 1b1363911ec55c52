package io.txmon.scoring;

/** What produced a reason: an analyst's rule or the anomaly model. */
public enum ReasonSource {
    RULE,
    MODEL
}
