/** What the service promises across a crash: every answer it gave is still true after a restart. */
package io.txmon.service.durability;
