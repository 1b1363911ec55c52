/**
 * Anomaly models over HTTP: list the kept versions, train a new one on stored history, choose the active one, and
 * see how far recent traffic has drifted from what a model was trained on (an endpoint, gauges and an alert); and the
 * registry of supervised models: list, retrain (on request or on a cron schedule) and choose the champion; and
 * run a challenger beside the champion and compare them (champion and challenger).
 */
package io.txmon.service.models;
