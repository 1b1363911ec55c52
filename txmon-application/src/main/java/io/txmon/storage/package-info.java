/** The database: which one, its schema (Flyway migrations in {@code db/migration}) and connections to it. */
package io.txmon.storage;
