/** Backtests: a candidate rule set replayed over stored history next to the active one. */
package io.txmon.backtest;
