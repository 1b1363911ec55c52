/**
 * The anomaly model: an Isolation Forest (Liu, Ting and Zhou 2008) on flat arrays, its per-feature
 * attributions, and its versioned file format.
 */
package io.txmon.model;
