package io.txmon.formats.datasets;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a conversion read and wrote.
 *
 * @param rows data rows read from the transaction files, converted or rejected
 * @param transactions rows converted into transactions
 * @param suspicious converted transactions labelled suspicious
 * @param typologies converted suspicious transactions per typology, by name
 * @param accounts accounts described
 * @param labelledAccounts accounts labelled
 * @param suspiciousAccounts accounts labelled suspicious
 * @param rejected rows rejected, in the transaction files and the accounts file
 */
public record ConversionSummary(
        long rows,
        long transactions,
        long suspicious,
        Map<String, Long> typologies,
        long accounts,
        long labelledAccounts,
        long suspiciousAccounts,
        long rejected) {

    public ConversionSummary {
        typologies = Collections.unmodifiableMap(new TreeMap<>(typologies));
    }
}
