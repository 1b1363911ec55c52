/** Counts, ingestion status, analytics and account profiles for analysts. */
package io.txmon.service.analytics;
