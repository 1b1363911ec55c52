/** Accounts as analysts look them up: reference data, current risk and recent decisions. */
package io.txmon.accounts;
