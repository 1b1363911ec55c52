/** The {@code bin/txmon} command line: one picocli subcommand per job, all on the core's decision path. */
package io.txmon.cli;
