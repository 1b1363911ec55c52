/** Real-time detection over HTTP: {@code POST /detect} and batches (docs/service.md, "Detection"). */
package io.txmon.service.detect;
