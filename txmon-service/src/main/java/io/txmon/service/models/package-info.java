/** Anomaly models over HTTP: list the kept versions, train a new one on stored history, choose the active one. */
package io.txmon.service.models;
