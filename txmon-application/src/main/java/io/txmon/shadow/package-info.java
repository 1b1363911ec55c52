/**
 * Champion and challenger: a challenger (a kept anomaly model version and/or a kept rule set version) decides on live
 * traffic beside the champion, on the same features, without affecting any decision. Its decisions are kept apart
 * ({@code shadow_decisions}) and compared with the champion's ({@link io.txmon.shadow.ShadowComparison}). {@link
 * io.txmon.shadow.Shadow} starts and stops one; the decision log ({@code io.txmon.ingest}) runs it.
 */
package io.txmon.shadow;
