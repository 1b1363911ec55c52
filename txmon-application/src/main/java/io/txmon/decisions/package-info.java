/**
 * Stored decisions: the one shape a decision has once it is in the database ({@link
 * io.txmon.decisions.StoredDecision}), the one encoding of its reason codes ({@link io.txmon.decisions.ReasonCodes})
 * and the one mapping between a decision and its row ({@link io.txmon.decisions.DecisionColumns}), which every
 * reader (alerts, payments, account profiles, the demo's report) and the decision log's writer share.
 */
package io.txmon.decisions;
