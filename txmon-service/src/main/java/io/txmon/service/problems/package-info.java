/** Errors as RFC 9457 problem details, from one place. */
package io.txmon.service.problems;
