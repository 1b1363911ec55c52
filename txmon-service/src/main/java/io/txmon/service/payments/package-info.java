/** The payments ledger over HTTP: accounts that hold money, payments screened before they post, their ledgers. */
package io.txmon.service.payments;
