package io.txmon.cli;

import io.txmon.boosting.SupervisedModel;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.labels.LabelTimeline;
import io.txmon.learning.LabelledReplay;
import io.txmon.learning.SupervisedTraining;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.model.ModelInput;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One batch scoring run as the README's "Using it" describes {@code score}: transactions in event-time order, a model given or
 * trained on the earliest share of their time span, then every transaction scored from fresh account
 * states. {@code score} and {@code demo} both run through here.
 */
final class ScoringRun {
    /** The share of the time span {@code score} trains on when no model is given (the README says 25 %). */
    static final double DEFAULT_TRAIN_SHARE = 0.25;

    private final RuleSet rules;
    private final Map<String, Account> reference;
    private final PrintWriter progress;

    ScoringRun(RuleSet rules, Map<String, Account> reference, PrintWriter progress) {
        this.rules = rules;
        this.reference = Map.copyOf(reference);
        this.progress = progress;
    }

    /**
     * Trains a model on the earliest {@code share} of the transactions' time span, saying so; none when that
     * window holds too few transactions to learn from, and then scoring goes on with the rules alone.
     */
    Optional<AnomalyModel> train(List<Transaction> ordered, double share, List<ModelInput> inputs, long seed) {
        List<Transaction> window = AnomalyModelTrainer.earliestShare(ordered, share);
        if (window.size() < AnomalyModelTrainer.MIN_TRANSACTIONS) {
            progress.printf(
                    "the earliest %.0f %% of the time span holds %,d transactions, too few to train the anomaly model"
                            + " on (it needs %,d): scoring with the rules alone%n",
                    share * 100, window.size(), AnomalyModelTrainer.MIN_TRANSACTIONS);
            return Optional.empty();
        }
        progress.printf(
                "training on the earliest %.0f %% of the time span: %,d transactions, %s to %s%n",
                share * 100,
                window.size(),
                window.get(0).timestamp(),
                window.get(window.size() - 1).timestamp());
        AnomalyModel model = AnomalyModelTrainer.builder(seed)
                .inputs(inputs)
                .build()
                .train(window, this::accountOf, rules.features());
        progress.printf("trained model %s%n", model);
        return Optional.of(model);
    }

    /** Scores every transaction in order from fresh account states, handing each decision on. */
    void score(List<Transaction> ordered, Optional<AnomalyModel> model, Consumer<Decision> decisions) {
        score(ordered, model, Optional.empty(), decisions);
    }

    /**
     * Scores as {@link #score(List, Optional, Consumer)} does, every transaction also decided with {@code supervised}
     * (when given) beside the rules and the anomaly model.
     */
    void score(
            List<Transaction> ordered,
            Optional<AnomalyModel> model,
            Optional<SupervisedModel> supervised,
            Consumer<Decision> decisions) {
        TransactionScorer scorer = new TransactionScorer(rules, model, new InMemoryAccountStates(this::accountOf));
        scorer.useSupervised(supervised);
        for (Transaction tx : ordered) {
            decisions.accept(scorer.score(tx));
        }
    }

    /**
     * Scores every transaction in order as {@link #score} does, learning from outcomes as {@code labels} says they
     * became known ({@link LabelledReplay}): the supervised model first trains at the end of the earliest {@code
     * share} of the time span, then every {@code retrainEvery}.
     *
     * @return the trainings in the order they happened, as {@link LabelledReplay#run} gives them; none when there
     *     are no transactions
     */
    List<LabelledReplay.Training> replay(
            List<Transaction> ordered,
            Optional<AnomalyModel> model,
            LabelTimeline labels,
            double share,
            Duration retrainEvery,
            BoostedTreesTrainer trainer,
            Consumer<Decision> decisions) {
        if (ordered.isEmpty()) {
            return List.of();
        }
        Instant first = ordered.get(0).timestamp();
        Instant last = ordered.get(ordered.size() - 1).timestamp();
        Instant firstTraining =
                first.plusMillis((long) (Duration.between(first, last).toMillis() * share));
        progress.printf(
                "replaying with %,d labels (undated ones known %s after their transaction); the supervised model trains"
                        + " at %s and every %s after%n",
                labels.size(), Durations.text(labels.delay()), firstTraining, Durations.text(retrainEvery));
        SupervisedTraining training = new SupervisedTraining(trainer, SupervisedTraining.DEFAULT_ALERT_QUANTILE);
        LabelledReplay replay = new LabelledReplay(
                rules, model, this::accountOf, labels, firstTraining, retrainEvery, training, progress::println);
        List<LabelledReplay.Training> trainings = replay.run(ordered, decisions);
        long trained = trainings.stream().filter(t -> t.model().isPresent()).count();
        progress.printf("%d of %d trainings made a supervised model%n", trained, trainings.size());
        return trainings;
    }

    private Account accountOf(String id) {
        return reference.getOrDefault(id, Account.unknown(id));
    }
}
