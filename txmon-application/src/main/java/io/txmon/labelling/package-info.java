/**
 * Labels as they arrive, kept: every label a source reports ({@code bin/txmon labels import}, {@code POST /labels}),
 * as history never updated, and the {@link io.txmon.labels.LabelTimeline} they and analysts' reviews make together.
 * Named apart from the core's {@code io.txmon.labels}, which it builds on, because a package lives in one module.
 */
package io.txmon.labelling;
