/** Scheduled ingestion of an inbox folder, on a cron expression from the configuration. */
package io.txmon.service.inbox;
