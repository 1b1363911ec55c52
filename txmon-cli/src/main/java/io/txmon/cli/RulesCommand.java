package io.txmon.cli;

import io.txmon.rules.RuleSet;
import io.txmon.storage.ActiveRuleSet;
import io.txmon.storage.StoredRuleSets;
import io.txmon.storage.StoredRuleSets.StoredRuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code txmon rules}: the rule sets kept in the database, and which one decides at every door. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "The rule sets kept in the database: list them, or activate a rule file.",
        subcommands = {RulesCommand.ListVersions.class, RulesCommand.Activate.class})
final class RulesCommand {
    private RulesCommand() {}

    /** {@code txmon rules list}: every version kept, newest first, and the active one. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the rule set versions kept in the database, newest first, and which one decides.")
    static final class ListVersions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() {
            List<StoredRuleSet> versions = new StoredRuleSets(db.open()).versions();
            PrintWriter out = spec.commandLine().getOut();
            if (versions.isEmpty()) {
                out.println("no rule sets kept: the shipped defaults decide, and the first door kept them");
            } else {
                out.printf("%-16s  %-24s  %5s  %-24s  %-20s  %s%n", "version", "name", "rules", "created", "by", "");
                for (StoredRuleSet v : versions) {
                    out.printf(
                            "%-16s  %-24s  %5d  %-24s  %-20s  %s%n",
                            v.version(),
                            v.name(),
                            v.rules(),
                            v.createdAt(),
                            v.createdBy(),
                            v.active() ? "active (decides)" : "");
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code txmon rules activate FILE}: what {@code PUT /rules} does, from the command line. */
    @Command(
            name = "activate",
            mixinStandardHelpOptions = true,
            description = "Compiles a rule file, keeps it as a version and makes it the one that decides in ingest,"
                    + " demo, train and at the next start of serve (a running serve takes PUT /rules).")
    static final class Activate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOption db;

        @Parameters(index = "0", paramLabel = "FILE", description = "The rule file (YAML, docs/rules.md).")
        Path file;

        @Override
        public Integer call() throws IOException {
            String text = Files.readString(file);
            RuleSet rules =
                    ActiveRuleSet.activate(db.open(), text, file.toString(), "bin/txmon rules activate", Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("rule set %s (%s, %d rules) is active%n", rules.version(), rules.name(), rules.size());
            out.flush();
            return 0;
        }
    }
}
