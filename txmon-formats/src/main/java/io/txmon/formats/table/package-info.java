/**
 * Tables of numbers in CSV files, such as the public outlier-detection data sets: every column a feature,
 * except an optional 0/1 label column, read into arrays the anomaly model takes.
 */
package io.txmon.formats.table;
