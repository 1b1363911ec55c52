/** Metrics and health of the service. */
package io.txmon.service.monitoring;
