package io.txmon.stream;

import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A simulated world scored in batch, what the stream's tests hold the job to: its accounts, its transactions in event
 * time order (ties in file order), a model trained on the earliest quarter, and batch scoring's decision on each.
 */
public record ScoredWorld(
        SimulatedData world,
        Map<String, Account> accounts,
        List<Transaction> inEventTimeOrder,
        AnomalyModel model,
        Map<String, Decision> batch) {

    /** The world of {@code seed}, {@code customers} and {@code days}, scored with the default rules and its model. */
    public static ScoredWorld of(long seed, int customers, int days) {
        return of(seed, customers, days, RuleFile.defaults());
    }

    /** The same world scored with {@code rules} and its model. */
    public static ScoredWorld of(long seed, int customers, int days, RuleSet rules) {
        SimulatedData world = Simulator.simulate(SimulationSettings.builder()
                .seed(seed)
                .customers(customers)
                .days(days)
                .build());
        Map<String, Account> accounts = new HashMap<>();
        world.accounts().forEach(account -> accounts.put(account.userId(), account));
        Function<String, Account> directory = id -> accounts.getOrDefault(id, Account.unknown(id));
        List<Transaction> inOrder = new ArrayList<>(world.transactions());
        inOrder.sort(Comparator.comparing(Transaction::timestamp));
        AnomalyModel model = AnomalyModelTrainer.builder(7)
                .build()
                .train(AnomalyModelTrainer.earliestShare(inOrder, 0.25), directory, rules.features());
        TransactionScorer scorer =
                new TransactionScorer(rules, Optional.of(model), new InMemoryAccountStates(directory));
        Map<String, Decision> batch = new HashMap<>();
        inOrder.forEach(tx -> batch.put(tx.transactionId(), scorer.score(tx)));
        return new ScoredWorld(world, Map.copyOf(accounts), List.copyOf(inOrder), model, Map.copyOf(batch));
    }

    /** Batch scoring's decisions, each as {@code as} turns it. */
    public <T> Map<String, T> batch(Function<Decision, T> as) {
        Map<String, T> decisions = new HashMap<>();
        batch.forEach((id, decision) -> decisions.put(id, as.apply(decision)));
        return decisions;
    }
}
