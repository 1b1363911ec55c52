/** The rule set over HTTP: read it, replace it (validated, versioned, active at once), and backtest a candidate. */
package io.txmon.service.rules;
