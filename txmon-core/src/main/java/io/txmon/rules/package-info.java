/**
 * Rules as data: analysts' conditions over named features, written in a small safe expression language
 * (a numeric subset of CEL) and compiled to plain Java for speed, versioned by a content hash.
 */
package io.txmon.rules;
