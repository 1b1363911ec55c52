/** Real-time detection over HTTP: seed 001's {@code /detect}, and batches. */
package io.txmon.service.detect;
