package io.txmon.scoring;

/** What produced a reason: an analyst's rule, the anomaly model, or the supervised model. */
public enum ReasonSource {
    RULE,
    MODEL,
    SUPERVISED
}
