package io.txmon.ingest;

import io.txmon.boosting.SupervisedModel;
import io.txmon.decisions.StoredDecision;
import io.txmon.labels.LabelTimeline;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.shadow.ChallengerSetup;
import io.txmon.storage.Database;
import io.txmon.storage.DecisionSetup;
import io.txmon.transaction.Transaction;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The single-submission door of the {@link DecisionLog}: transactions that arrive one at a time (the HTTP API,
 * payments' screening, the inbox) are decided by the same log as files, and each is answered once it is stored. This
 * class adds only the queue and the callers' futures.
 *
 * <p>The idea is a group commit. Callers queue their transactions; one deciding thread takes whatever has queued
 * (at most {@link #MAX_BATCH}), has the log look up in one query which were stored before and score the rest in
 * arrival order, and hands the batch to the log's writing thread, which stores the transactions, decisions, alerts and risk scores in one
 * database transaction and only then completes each caller's future. So a decision once answered is durable, while
 * the cost of a commit is shared by everything that arrived during the one before; under light load a batch is one
 * transaction and the answer comes after one commit.
 *
 * <p>Order: transactions are decided in the order they reach the queue, which is the order they are stored in
 * ({@code sequence_number}), so that replaying the stored transactions gives the same decisions (docs/features.md, "Semantics").
 * A transaction sent again, even while its first copy is being written, is answered with the first decision.
 *
 * <p>States are saved at a checkpoint every {@link #CHECKPOINT_EVERY} transactions and when closed; after a crash
 * the next start replays what the checkpoint lacks ({@link StateRecovery}), as for files. One transaction that
 * cannot be decided fails alone ({@link TransactionNotDecidedException}): its accounts' and entities' states are put
 * back as they were and it is not stored. A write that fails is systemic and leaves the states ahead of the database, so
 * the service fails closed: every later call fails too, until a restart rebuilds the states from what is stored.
 * Both are logged with their cause.
 *
 * <p>The service owns the database while it runs: one ingestion at a time, like files.
 */
public final class OnlineIngestion implements AutoCloseable {
    /** Most transactions in one group commit. */
    public static final int MAX_BATCH = 2_000;

    /** Transactions between two checkpoints of the account states. */
    public static final int CHECKPOINT_EVERY = 100_000;

    private static final String SOURCE = "http-api";
    private static final System.Logger LOG = System.getLogger(OnlineIngestion.class.getName());

    private final DecisionLog log;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Detection>> inFlight = new ConcurrentHashMap<>();
    private final Thread decider;
    private final Consumer<Detection> listener;

    private volatile boolean closing;
    private volatile Throwable failure;

    private long sinceCheckpoint;

    private OnlineIngestion(DecisionLog log, Consumer<Detection> listener) {
        this.log = log;
        this.listener = listener;
        this.decider = new Thread(this::decide, "txmon-online-decider");
        decider.setDaemon(true);
    }

    /**
     * Opens the database's ingestion for transactions sent one at a time, deciding with {@code decides} (the rule set
     * and model, as {@link DecisionSetup#resolve} finds them on the database) until told otherwise; undated labels are
     * known {@link LabelTimeline#DEFAULT_DELAY} after their transaction.
     *
     * @param listener told of every decision once stored, on the writing thread; it must be quick
     * @throws IngestionException when the database cannot be prepared
     */
    public static OnlineIngestion start(
            Database database, DecisionSetup decides, Clock clock, Consumer<Detection> listener) {
        return start(database, decides, LabelTimeline.DEFAULT_DELAY, clock, listener);
    }

    /**
     * As above, with stored labels that do not say when they were learned known {@code labelDelay} after their
     * transaction, for the outcomes the entity states learn.
     */
    public static OnlineIngestion start(
            Database database, DecisionSetup decides, Duration labelDelay, Clock clock, Consumer<Detection> listener) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(labelDelay, "labelDelay");
        Objects.requireNonNull(decides, "decides");
        Objects.requireNonNull(listener, "listener");
        try {
            DecisionLog log = DecisionLog.open(
                    database,
                    SOURCE,
                    decides.rules(),
                    decides.model(),
                    Map.of(),
                    labelDelay,
                    DecisionLog.RiskWrites.WITH_EACH_BATCH,
                    clock,
                    message -> LOG.log(System.Logger.Level.INFO, message));
            OnlineIngestion online = new OnlineIngestion(log, listener);
            online.decider.start();
            return online;
        } catch (SQLException e) {
            throw new IngestionException(
                    "cannot start ingestion on " + database.displayUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Decides {@code transaction}; the future completes once the decision is stored. */
    public CompletableFuture<Detection> detect(Transaction transaction) {
        CompletableFuture<Detection> answer = new CompletableFuture<>();
        Throwable failed = failure;
        if (failed != null) {
            answer.completeExceptionally(new IngestionException("ingestion has stopped: " + failed.getMessage()));
        } else if (closing) {
            answer.completeExceptionally(new IngestionException("ingestion is shutting down"));
        } else {
            queue.add(new Pending(transaction, answer, null, null));
            // The decider may have stopped between the checks above and the add: nothing would answer then.
            if (failure != null || !decider.isAlive()) {
                answer.completeExceptionally(new IngestionException("ingestion has stopped"));
            }
        }
        return answer;
    }

    /**
     * The one wait for a stored decision, for every caller of this door: {@code transaction}'s decision once stored.
     *
     * @throws DecisionNotStoredException when it was not stored within {@code timeout}, or could not be
     * @throws TransactionNotDecidedException when this transaction alone could not be decided
     */
    public Detection decide(Transaction transaction, Duration timeout) {
        return awaitStored(detect(transaction), timeout);
    }

    /**
     * {@code answer}'s decision once stored.
     *
     * @throws DecisionNotStoredException when it was not stored within {@code timeout}, or could not be
     * @throws TransactionNotDecidedException when this transaction alone could not be decided
     */
    public static Detection awaitStored(CompletableFuture<Detection> answer, Duration timeout) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DecisionNotStoredException("no decision was stored within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransactionNotDecidedException notDecided) {
                // This transaction alone failed, and was logged where it did.
                throw notDecided;
            }
            throw new DecisionNotStoredException("the decision could not be stored", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecisionNotStoredException("interrupted while waiting for the decision", e);
        }
    }

    /** Scores with {@code rules} from the next transaction on; the account states carry on. */
    public CompletableFuture<Void> useRules(RuleSet rules) {
        return command(() -> log.use(rules, log.scorer().engine().model()));
    }

    /** Scores with {@code model} (or none) from the next transaction on. */
    public CompletableFuture<Void> useModel(Optional<AnomalyModel> model) {
        return command(() -> log.use(log.scorer().engine().rules(), model));
    }

    /**
     * Has {@code challenger} (or none) decide beside the champion from the next transaction on, without affecting its
     * decisions ({@link io.txmon.shadow.Shadow} records it first, so that a restart resumes it).
     */
    public CompletableFuture<Void> useChallenger(Optional<ChallengerSetup> challenger) {
        return command(() -> log.shadow(challenger));
    }

    /** The challenger deciding beside the champion now; empty when none runs. */
    public Optional<ChallengerSetup> challenger() {
        return log.challenger();
    }

    /** Scores with the supervised model {@code supervised} (or none) from the next transaction on. */
    public CompletableFuture<Void> useSupervised(Optional<SupervisedModel> supervised) {
        return command(() -> log.useSupervised(supervised));
    }

    /** The supervised model scoring uses now, beside {@link #rules} and {@link #model}; empty when none. */
    public Optional<SupervisedModel> supervised() {
        return log.scorer().engine().supervised();
    }

    /** The rule set scoring uses now. */
    public RuleSet rules() {
        return log.scorer().engine().rules();
    }

    /** The model scoring uses now, next to {@link #rules}; empty when the rules decide alone. */
    public Optional<AnomalyModel> model() {
        return log.scorer().engine().model();
    }

    /** Why ingestion stopped, if it did: the service is then unhealthy until restarted. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The ingestion run this service records its transactions under. */
    public long runId() {
        return log.runId();
    }

    /** Decides what has queued, checkpoints the states, records the run as finished and lets go of the database. */
    @Override
    public void close() {
        closing = true;
        try {
            decider.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (failure == null) {
                log.finish();
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        } finally {
            log.close();
        }
    }

    /**
     * Records a file of the inbox read to its end under this door's run, once every transaction queued before has
     * been stored: its rejected records and repeated ids in the run's counts, the file, and the folder's watermark.
     *
     * @throws IngestionException when that cannot be stored: nothing of it is kept, and the door goes on deciding
     */
    void fileRead(String source, InputFile file, FileRecords records, Instant watermark) {
        AtomicReference<IngestionException> refused = new AtomicReference<>();
        CompletableFuture<Void> done = command(() -> {
            RunCounts delta = new RunCounts();
            records.count(delta);
            try {
                log.commit(
                        delta,
                        (connection, now) -> RunLedger.fileRead(
                                connection, source, file, records.rejected, watermark, log.runId(), now));
            } catch (SQLException | RuntimeException e) {
                // The book-keeping of one file, not a decision: the decisions stored stay valid, so deciding goes on.
                refused.set(
                        new IngestionException("recording " + file.name() + " as read failed: " + e.getMessage(), e));
            }
        });
        try {
            done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IngestionException("recording " + file.name() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionException("interrupted while recording " + file.name(), e);
        }
        if (refused.get() != null) {
            throw refused.get();
        }
    }

    private CompletableFuture<Void> command(Change change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Throwable failed = failure;
        if (failed != null) {
            done.completeExceptionally(new IngestionException("ingestion has stopped: " + failed.getMessage()));
            return done;
        }
        queue.add(new Pending(null, null, change, done));
        if (failure != null || !decider.isAlive()) {
            done.completeExceptionally(new IngestionException("ingestion has stopped"));
        }
        return done;
    }

    /** The deciding thread: batches, lookups, scoring, hand-over; checkpoints between batches. */
    private void decide() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!(closing && queue.isEmpty())) {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                decideBatch(batch);
                batch.clear();
                if (sinceCheckpoint >= CHECKPOINT_EVERY) {
                    log.checkpoint(DecisionLog.AlsoCommitted.NOTHING);
                    sinceCheckpoint = 0;
                }
            }
            log.drain();
        } catch (Throwable e) {
            fail(e, batch);
        }
    }

    private void decideBatch(List<Pending> batch) throws SQLException {
        Map<String, Pending> firsts = new LinkedHashMap<>();
        List<Pending> repeats = new ArrayList<>();
        for (Pending pending : batch) {
            if (pending.command() != null) {
                // Applied in arrival order: what queued before it is decided first.
                decideTransactions(firsts, repeats);
                firsts.clear();
                repeats.clear();
                pending.command().run();
                pending.done().complete(null);
            } else if (firsts.containsKey(pending.transaction().transactionId())) {
                repeats.add(pending);
            } else {
                firsts.put(pending.transaction().transactionId(), pending);
            }
        }
        decideTransactions(firsts, repeats);
    }

    private void decideTransactions(Map<String, Pending> firsts, List<Pending> repeats) throws SQLException {
        if (firsts.isEmpty()) {
            return;
        }
        // In flight first, stored second: the writer forgets an id only after its commit, so an id in neither was
        // not stored when the lookup ran.
        Map<String, CompletableFuture<Detection>> writing = new HashMap<>();
        for (String id : firsts.keySet()) {
            CompletableFuture<Detection> first = inFlight.get(id);
            if (first != null) {
                writing.put(id, first);
            }
        }
        Map<String, StoredDecision> stored = log.stored(firsts.keySet());
        List<Pending> fresh = new ArrayList<>(firsts.size());
        for (Pending pending : firsts.values()) {
            String id = pending.transaction().transactionId();
            StoredDecision before = stored.get(id);
            if (before != null) {
                pending.answer().complete(new Detection(before, List.of(), true));
            } else if (writing.containsKey(id)) {
                writing.get(id).whenComplete((detection, error) -> complete(pending.answer(), detection, error));
            } else {
                fresh.add(pending);
            }
        }
        log.prepare(fresh.stream().map(Pending::transaction).toList());
        List<Scored> scored = new ArrayList<>(fresh.size());
        List<Detection> detections = new ArrayList<>(fresh.size());
        List<Pending> decided = new ArrayList<>(fresh.size());
        RunCounts delta = new RunCounts();
        for (Pending pending : fresh) {
            Scored one = decideAlone(pending);
            if (one == null) {
                continue;
            }
            decided.add(pending);
            scored.add(one);
            detections.add(new Detection(one.stored(), one.decision().reasons(), false));
            delta.alerts += one.opensAlert() ? 1 : 0;
            inFlight.put(one.transaction().transactionId(), pending.answer());
        }
        sinceCheckpoint += decided.size();
        for (Pending repeat : repeats) {
            Pending first = firsts.get(repeat.transaction().transactionId());
            first.answer().whenComplete((detection, error) -> complete(repeat.answer(), detection, error));
        }
        delta.read = firsts.size() + repeats.size();
        delta.inserted = decided.size();
        delta.rejected = fresh.size() - decided.size();
        delta.duplicates = firsts.size() - fresh.size() + repeats.size();
        if (!decided.isEmpty()) {
            log.append(
                    scored,
                    delta,
                    DecisionLog.AlsoCommitted.NOTHING,
                    () -> answer(decided, detections),
                    e -> refuse(decided, e));
        } else {
            log.counts().add(delta);
        }
    }

    /** The transaction's decision, or null when it alone cannot be decided: then its caller is told why. */
    private Scored decideAlone(Pending pending) {
        try {
            return log.decideAlone(pending.transaction());
        } catch (TransactionNotDecidedException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "transaction " + pending.transaction().transactionId() + " could not be decided and was not"
                            + " stored; deciding goes on with the others",
                    e.getCause());
            pending.answer().completeExceptionally(e);
            return null;
        }
    }

    /** Once the batch committed: each caller gets its decision. */
    private void answer(List<Pending> decided, List<Detection> detections) {
        for (int i = 0; i < decided.size(); i++) {
            Pending pending = decided.get(i);
            inFlight.remove(pending.transaction().transactionId());
            pending.answer().complete(detections.get(i));
            listener.accept(detections.get(i));
        }
    }

    /**
     * A batch that could not be stored: the states are now ahead of the database, which only a restart can bring
     * back together, so the door fails closed.
     */
    private void refuse(List<Pending> decided, Exception e) {
        LOG.log(
                System.Logger.Level.ERROR,
                "storing " + decided.size() + " decided transactions failed; ingestion stops until a restart"
                        + " rebuilds the account states from what is stored",
                e);
        failure = e;
        IngestionException error = new IngestionException("storing decisions failed: " + e.getMessage(), e);
        for (Pending pending : decided) {
            inFlight.remove(pending.transaction().transactionId());
            pending.answer().completeExceptionally(error);
        }
    }

    /** Stops for good: the states may be ahead of the database, which only a restart can bring back together. */
    private void fail(Throwable e, List<Pending> batch) {
        if (failure == null) {
            failure = e;
            LOG.log(
                    System.Logger.Level.ERROR,
                    "ingestion stopped: every later transaction is refused until a restart rebuilds the account"
                            + " states from what is stored",
                    e);
        }
        IngestionException error = new IngestionException("ingestion has stopped: " + e.getMessage(), e);
        List<Pending> left = new ArrayList<>(batch);
        queue.drainTo(left);
        for (Pending pending : left) {
            if (pending.answer() != null) {
                pending.answer().completeExceptionally(error);
            } else {
                pending.done().completeExceptionally(error);
            }
        }
        log.finishAfter(new IngestionException("ingestion stopped: " + e.getMessage(), e));
    }

    private static void complete(CompletableFuture<Detection> answer, Detection detection, Throwable error) {
        if (error != null) {
            answer.completeExceptionally(error);
        } else {
            answer.complete(detection.asDuplicate());
        }
    }

    /** A transaction waiting to be decided, or a change to apply between two transactions and its completion. */
    private record Pending(
            Transaction transaction,
            CompletableFuture<Detection> answer,
            Change command,
            CompletableFuture<Void> done) {}

    /** What a command changes, on the deciding thread, between two transactions. */
    @FunctionalInterface
    private interface Change {
        void run() throws SQLException;
    }
}
