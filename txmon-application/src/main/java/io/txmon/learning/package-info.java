/** Learning from outcomes: replaying history with labels as the bank learned them, and the supervised model. */
package io.txmon.learning;
