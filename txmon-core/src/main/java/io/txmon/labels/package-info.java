/**
 * Labels as a bank learns them: what became known of a transaction, and from when. A chargeback or an analyst's
 * verdict arrives days after the payment; {@link io.txmon.labels.LabelTimeline} answers what was known at any instant,
 * so that no feature, model or threshold sees an outcome before the bank did.
 */
package io.txmon.labels;
