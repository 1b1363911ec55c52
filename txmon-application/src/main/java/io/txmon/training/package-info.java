/** Training the anomaly model on stored history, and keeping its versions. */
package io.txmon.training;
