/** The service's database and the online ingestion running on it. */
package io.txmon.service.storage;
