/**
 * What moves money: transactions and the accounts they move it for, validated on the way in so that
 * every later stage can trust them (spec sections 1 and 2).
 */
package io.txmon.transaction;
