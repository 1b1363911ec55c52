/**
 * What moves money: transactions and the accounts they move it for, validated on the way in so that
 * every later stage can trust them (docs/file-formats.md, "Transactions" and "Accounts").
 */
package io.txmon.transaction;
