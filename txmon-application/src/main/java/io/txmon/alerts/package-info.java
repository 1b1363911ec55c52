/** Alerts as analysts work them: the queue, one alert in its context, and reviews with their history. */
package io.txmon.alerts;
