package io.txmon.cli;

import io.txmon.evaluation.Label;
import io.txmon.formats.LabelFiles;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's simulated world as both demos see it: written to files and read back (so the demo takes the same path
 * as a user's own files), with its truth, and split into the earliest 25 % of its time span and the rest, on which
 * detection is judged.
 *
 * @param earliest the training window
 * @param later what is judged: every transaction after the training window
 */
record DemoWorld(
        long seed,
        SimulatedData data,
        SimulateCommand.DataSetFiles files,
        TransactionParser parser,
        Map<String, Account> reference,
        List<Transaction> transactions,
        Map<String, Label> truth,
        List<Transaction> earliest,
        List<Transaction> later) {

    DemoWorld {
        reference = Map.copyOf(reference);
        transactions = List.copyOf(transactions);
        truth = Map.copyOf(truth);
        earliest = List.copyOf(earliest);
        later = List.copyOf(later);
    }

    /** Simulates the world of {@code world}'s settings (a fresh seed unless one is given) into {@code dir}. */
    static DemoWorld simulate(SimulateCommand.World world, Path dir, PrintWriter err) {
        long seed = world.seed != null ? world.seed : new SecureRandom().nextLong(1, Long.MAX_VALUE);
        SimulatedData data = Simulator.simulate(world.settings(seed));
        SimulateCommand.DataSetFiles files = SimulateCommand.write(data, dir);
        err.printf(
                "simulated seed %d: %,d transactions, %,d suspicious, %,d accounts%n",
                seed,
                data.transactions().size(),
                data.suspiciousCount(),
                data.accounts().size());

        TransactionParser parser = new TransactionParser(world.currency);
        InputFiles inputs = new InputFiles(err, null);
        Map<String, Account> reference = inputs.accounts(files.accounts());
        List<Transaction> transactions =
                inputs.transactions(files.transactions(), parser).records();
        Map<String, Label> truth = new HashMap<>();
        LabelFiles.read(
                files.labels(), parsed -> truth.put(parsed.value().transactionId(), parsed.value()), inputs::reject);
        inputs.close();

        List<Transaction> earliest = AnomalyModelTrainer.earliestShare(transactions, ScoringRun.DEFAULT_TRAIN_SHARE);
        List<Transaction> later = transactions.subList(earliest.size(), transactions.size());
        return new DemoWorld(seed, data, files, parser, reference, transactions, truth, earliest, later);
    }

    List<String> laterIds() {
        return later.stream().map(Transaction::transactionId).toList();
    }

    /** The share of its transactions that are suspicious, in per cent. */
    double suspiciousPercent() {
        return 100.0 * data.suspiciousCount() / transactions.size();
    }
}
