/** Drift: how far recent traffic has moved from what a model was trained on. */
package io.txmon.drift;
