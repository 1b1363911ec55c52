/**
 * The payments ledger: accounts that hold money, payments screened by the decision path before they post, and
 * their double-entry ledger entries, correct under any number of concurrent payers.
 */
package io.txmon.payments;
