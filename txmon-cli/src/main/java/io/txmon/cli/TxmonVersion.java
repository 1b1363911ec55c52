package io.txmon.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code txmon --version}, taken from the jar's manifest. */
final class TxmonVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = TxmonCommand.class.getPackage().getImplementationVersion();
        return new String[] {"txmon " + (version == null ? "(development build)" : version)};
    }
}
