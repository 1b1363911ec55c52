/**
 * Files in and out of txmon: transactions, accounts, decisions, labels, account labels and rejected records
 * as CSV and JSON Lines, optionally gzip-compressed. Every reader accepts the same records and rejects bad
 * ones the same way: a rejected record is handed on with its reason, line and raw text, and reading goes
 * on. The entry points are {@link io.txmon.formats.TransactionFiles}, {@link io.txmon.formats.AccountFiles},
 * {@link io.txmon.formats.DecisionFiles}, {@link io.txmon.formats.LabelFiles},
 * {@link io.txmon.formats.AccountLabelFiles} and {@link io.txmon.formats.RejectedRecordFiles}, and
 * {@link io.txmon.formats.ForeignCsvFiles} for CSV files in other systems' columns;
 * {@code docs/file-formats.md} describes the formats.
 */
package io.txmon.formats;
