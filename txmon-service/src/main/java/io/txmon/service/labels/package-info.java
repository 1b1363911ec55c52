/** Labels over HTTP: {@code POST /labels}, the labels a bank learns, kept as history. */
package io.txmon.service.labels;
