package io.txmon.cli;

import io.txmon.formats.LabelFiles;
import io.txmon.formats.ReadSummary;
import io.txmon.labels.ReportedLabel;
import io.txmon.stream.topics.Topics;
import io.txmon.stream.topics.TransactionProducer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon produce}: seed 001's producer, a transactions file onto the transactions topic. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the accounts of --accounts to the accounts topic, then the transactions of --input to the"
                    + " transactions topic keyed by user_id, in event-time order (ties in file order) and numbered in"
                    + " that order, as bin/txmon score reads them. With --labels, then the labels of a labels file to the"
                    + " labels topic keyed by transaction_id, in file order."
        })
final class ProduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransactionInput in;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "The Kafka broker.")
    String bootstrapServers;

    @Option(
            names = "--topic",
            defaultValue = "transactions",
            description = "Topic for the transactions (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--accounts-topic",
            defaultValue = "accounts",
            description = "Compacted topic for the accounts (default: ${DEFAULT-VALUE}).")
    String accountsTopic;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "A labels file (transaction_id, label, typology, labelled_at) to send to the labels topic"
                    + " after the transactions; default: none.")
    Path labels;

    @Option(
            names = "--labels-topic",
            defaultValue = "labels",
            description = "Topic for the labels (default: ${DEFAULT-VALUE}).")
    String labelsTopic;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "At most N transactions a second; default: as fast as it can.")
    Double rate;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be above 0, was " + rate);
        }
        TransactionInput.Loaded loaded = in.load(err);
        Topics d = Topics.DEFAULTS;
        Topics topics = new Topics(
                topic,
                accountsTopic,
                d.control(),
                d.decisions(),
                d.alerts(),
                d.late(),
                d.rejected(),
                d.controlErrors(),
                labelsTopic,
                d.setAsideLabels());
        try (TransactionProducer producer = new TransactionProducer(bootstrapServers, topics)) {
            producer.accounts(loaded.reference().values());
            Duration took = producer.transactions(
                    loaded.transactions(), 0, rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate));
            err.printf(
                    "produced %,d accounts to %s and %,d transactions to %s in %.1f s%n",
                    loaded.reference().size(),
                    accountsTopic,
                    loaded.transactions().size(),
                    topic,
                    took.toMillis() / 1e3);
            if (labels != null) {
                List<ReportedLabel> read = new ArrayList<>();
                ReadSummary summary = LabelFiles.readReported(
                        labels,
                        parsed -> read.add(parsed.value()),
                        rejected ->
                                err.printf("%s line %d rejected: %s%n", labels, rejected.line(), rejected.reason()));
                producer.labels(read);
                err.printf(
                        "produced %,d labels to %s (%,d records of %s rejected)%n",
                        read.size(), labelsTopic, summary.rejected(), labels);
            }
        }
        return 0;
    }
}
