package io.txmon.ingest;

import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.TransactionScorer;
import io.txmon.storage.Database;
import io.txmon.storage.StoredModels;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scores transactions that arrive one at a time, such as those of the HTTP API, through the same {@link
 * TransactionScorer}, account states and tables as {@link Ingestion}, and answers each once it is stored.
 *
 * <p>The idea is a group commit. Callers queue their transactions; one deciding thread takes whatever has queued
 * (at most {@link #MAX_BATCH}), looks up in one query which were stored before, scores the rest in arrival order,
 * and hands the batch to a writing thread, which stores the transactions, decisions, alerts and risk scores in one
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
 * cannot be decided fails alone ({@link TransactionNotDecidedException}): its accounts' states are put back as
 * they were and it is not stored. A write that fails is systemic and leaves the states ahead of the database, so
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

    private final Database database;
    private final BulkWriter bulk;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Detection>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(named("txmon-online-writer"));
    private final Thread decider;
    private final Connection decisions;
    private final Connection writes;
    private final long runId;
    private final AccountStateCache states;
    private final RunCounts counts = new RunCounts();
    private final Consumer<Detection> listener;

    private volatile boolean closing;
    private volatile Throwable failure;
    /** Replaced only by the deciding thread; read by others for {@link #rules}. */
    private volatile TransactionScorer scorer;

    private long sequence;
    private long sinceCheckpoint;
    private Future<?> writing;

    private OnlineIngestion(Database database, RuleSet rules, Clock clock, Consumer<Detection> listener)
            throws SQLException {
        this.database = database;
        this.bulk = BulkWriter.of(database.engine());
        this.clock = clock;
        this.listener = listener;
        this.decisions = database.connect();
        this.writes = database.connect();
        decisions.setAutoCommit(false);
        writes.setAutoCommit(false);
        Instant now = clock.instant();
        RunLedger.abandonStale(decisions, now);
        this.runId = RunLedger.start(decisions, SOURCE, now);
        decisions.commit();
        this.states = new AccountStateCache(bulk, Map.of());
        StateRecovery.recover(database, decisions, states, rules.features(), now);
        this.sequence = Ingestion.lastSequenceNumber(decisions);
        decisions.commit();
        this.scorer = new TransactionScorer(rules, new StoredModels(database).forScoring(), states);
        this.decider = new Thread(this::decide, "txmon-online-decider");
        decider.setDaemon(true);
    }

    /**
     * Opens the database's ingestion for transactions sent one at a time, scoring with {@code rules} and the
     * stored model that scoring uses (the active one, else the newest).
     *
     * @param listener told of every decision once stored, on the writing thread; it must be quick
     * @throws IngestionException when the database cannot be prepared
     */
    public static OnlineIngestion start(Database database, RuleSet rules, Clock clock, Consumer<Detection> listener) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(rules, "rules");
        try {
            OnlineIngestion online = new OnlineIngestion(database, rules, clock, listener);
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
            queue.add(new Pending(transaction, answer, null));
            // The decider may have stopped between the checks above and the add: nothing would answer then.
            if (failure != null || !decider.isAlive()) {
                answer.completeExceptionally(new IngestionException("ingestion has stopped"));
            }
        }
        return answer;
    }

    /** Scores with {@code rules} from the next transaction on; the account states carry on. */
    public CompletableFuture<Void> useRules(RuleSet rules) {
        return command(
                () -> scorer = new TransactionScorer(rules, scorer.engine().model(), states));
    }

    /** Scores with {@code model} (or none) from the next transaction on. */
    public CompletableFuture<Void> useModel(Optional<AnomalyModel> model) {
        return command(() -> scorer = new TransactionScorer(scorer.engine().rules(), model, states));
    }

    /** The rule set scoring uses now. */
    public RuleSet rules() {
        return scorer.engine().rules();
    }

    /** Why ingestion stopped, if it did: the service is then unhealthy until restarted. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The ingestion run this service records its transactions under. */
    public long runId() {
        return runId;
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
        writer.shutdown();
        try {
            if (failure == null) {
                Instant now = clock.instant();
                states.checkpoint(decisions, sequence, now);
                RunLedger.count(decisions, runId, counts);
                RunLedger.finish(decisions, runId, counts, "SUCCEEDED", null, now);
                decisions.commit();
            }
        } catch (SQLException e) {
            failure = e;
        } finally {
            closeQuietly(decisions);
            closeQuietly(writes);
        }
    }

    private CompletableFuture<Void> command(Runnable change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(null, null, () -> {
            change.run();
            done.complete(null);
        }));
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
                    awaitWriter();
                    states.checkpoint(decisions, sequence, clock.instant());
                    decisions.commit();
                    states.checkpointed();
                    sinceCheckpoint = 0;
                }
            }
            awaitWriter();
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
        Map<String, Detection> stored = storedDetections(firsts.keySet());
        List<Pending> fresh = new ArrayList<>(firsts.size());
        for (Pending pending : firsts.values()) {
            String id = pending.transaction().transactionId();
            Detection before = stored.get(id);
            if (before != null) {
                pending.answer().complete(before.asDuplicate());
            } else if (writing.containsKey(id)) {
                writing.get(id).whenComplete((detection, error) -> complete(pending.answer(), detection, error));
            } else {
                fresh.add(pending);
            }
        }
        states.load(
                decisions,
                Ingestion.accountsOf(fresh.stream().map(Pending::transaction).toList()));
        decisions.commit();
        List<Scored> scored = new ArrayList<>(fresh.size());
        List<Detection> detections = new ArrayList<>(fresh.size());
        Map<String, BigDecimal> risks = new HashMap<>();
        long alerts = 0;
        List<Pending> decided = new ArrayList<>(fresh.size());
        for (Pending pending : fresh) {
            Transaction tx = pending.transaction();
            Decision decision = decideOne(pending);
            if (decision == null) {
                continue;
            }
            decided.add(pending);
            Scored one = new Scored(tx, decision, ++sequence);
            scored.add(one);
            detections.add(detection(one));
            risks.put(tx.userId(), ChunkWriter.riskScore(decision));
            alerts += ChunkWriter.opensAlert(decision) ? 1 : 0;
            inFlight.put(tx.transactionId(), pending.answer());
        }
        sinceCheckpoint += decided.size();
        for (Pending repeat : repeats) {
            Pending first = firsts.get(repeat.transaction().transactionId());
            first.answer().whenComplete((detection, error) -> complete(repeat.answer(), detection, error));
        }
        counts.read += firsts.size() + repeats.size();
        counts.inserted += decided.size();
        counts.rejected += fresh.size() - decided.size();
        counts.duplicates += firsts.size() - fresh.size() + repeats.size();
        counts.alerts += alerts;
        if (!decided.isEmpty()) {
            write(decided, scored, detections, risks, counts.copy());
        }
    }

    /**
     * The transaction's decision, or null when it cannot be decided: then its caller is told why, the accounts'
     * states are put back as they were before it, and the others go on. One transaction that breaks scoring
     * (an unreadable saved state, a bug) must not stop every later one.
     */
    private Decision decideOne(Pending pending) {
        Transaction tx = pending.transaction();
        AccountStateCache.Snapshot before = null;
        try {
            before = states.snapshot(tx.userId(), tx.payeeAccount());
            return scorer.score(tx);
        } catch (RuntimeException e) {
            if (before != null) {
                before.restore();
            }
            LOG.log(
                    System.Logger.Level.ERROR,
                    "transaction " + tx.transactionId() + " could not be decided and was not stored; deciding goes"
                            + " on with the others",
                    e);
            pending.answer()
                    .completeExceptionally(new TransactionNotDecidedException(
                            "transaction " + tx.transactionId() + " could not be decided: " + e.getMessage(), e));
            return null;
        }
    }

    /** Hands a scored batch to the writer, once the batch before it has committed. */
    private void write(
            List<Pending> fresh,
            List<Scored> scored,
            List<Detection> detections,
            Map<String, BigDecimal> risks,
            RunCounts after) {
        awaitWriter();
        writing = writer.submit(() -> {
            try {
                Instant now = clock.instant();
                new ChunkWriter(bulk).write(writes, scored, runId, now);
                AccountStateCache.saveRisks(bulk, writes, risks, now);
                RunLedger.count(writes, runId, after);
                writes.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(writes);
                LOG.log(
                        System.Logger.Level.ERROR,
                        "storing " + fresh.size() + " decided transactions failed; ingestion stops until a restart"
                                + " rebuilds the account states from what is stored",
                        e);
                failure = e;
                IngestionException error = new IngestionException("storing decisions failed: " + e.getMessage(), e);
                for (Pending pending : fresh) {
                    inFlight.remove(pending.transaction().transactionId());
                    pending.answer().completeExceptionally(error);
                }
                return;
            }
            for (int i = 0; i < fresh.size(); i++) {
                Pending pending = fresh.get(i);
                inFlight.remove(pending.transaction().transactionId());
                pending.answer().complete(detections.get(i));
                listener.accept(detections.get(i));
            }
        });
    }

    private void awaitWriter() {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionException("interrupted while storing decisions", e);
        } catch (ExecutionException e) {
            throw new IngestionException(
                    "storing decisions failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            writing = null;
        }
        if (failure != null) {
            throw new IngestionException("storing decisions failed: " + failure.getMessage(), failure);
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
            }
        }
        try {
            RunLedger.finish(
                    decisions, runId, counts, "FAILED", "ingestion stopped: " + e.getMessage(), clock.instant());
            decisions.commit();
        } catch (SQLException | RuntimeException ignored) {
            // The database is what failed, most likely; the run stays RUNNING and the next start marks it ABANDONED.
        }
    }

    private Map<String, Detection> storedDetections(Collection<String> ids) throws SQLException {
        Map<String, Detection> stored = new HashMap<>();
        for (List<String> group : Sql.groups(ids)) {
            try (PreparedStatement select = decisions.prepareStatement("SELECT t.transaction_id, t.sequence_number,"
                    + " d.risk_score, d.risk_level, d.recommendation, d.reason_codes, d.rule_set_version,"
                    + " d.model_version, d.anomaly_score FROM transactions t JOIN decisions d"
                    + " ON d.sequence_number = t.sequence_number WHERE t.transaction_id IN "
                    + Sql.markers(group.size()))) {
                for (int i = 0; i < group.size(); i++) {
                    select.setString(i + 1, group.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        double anomaly = rs.getDouble(9);
                        Double anomalyScore = rs.wasNull() ? null : anomaly;
                        String codes = rs.getString(6);
                        stored.put(
                                rs.getString(1),
                                new Detection(
                                        rs.getString(1),
                                        rs.getLong(2),
                                        rs.getBigDecimal(3),
                                        rs.getString(4),
                                        rs.getString(5),
                                        codes.isEmpty() ? List.of() : List.of(codes.split(";")),
                                        List.of(),
                                        rs.getString(7),
                                        rs.getString(8),
                                        anomalyScore,
                                        true));
                    }
                }
            }
        }
        // Committed with the states' lookups that follow, in one round trip instead of two.
        return stored;
    }

    private static Detection detection(Scored scored) {
        Decision decision = scored.decision();
        Optional<ModelOpinion> model = decision.model();
        return new Detection(
                decision.transactionId(),
                scored.sequenceNumber(),
                ChunkWriter.riskScore(decision),
                decision.riskLevel().name(),
                decision.recommendation().name(),
                decision.reasonCodes(),
                decision.reasons(),
                decision.ruleSetVersion(),
                model.map(ModelOpinion::modelVersion).orElse(null),
                model.map(ModelOpinion::anomalyScore).orElse(null),
                false);
    }

    private static void complete(CompletableFuture<Detection> answer, Detection detection, Throwable error) {
        if (error != null) {
            answer.completeExceptionally(error);
        } else {
            answer.complete(detection.asDuplicate());
        }
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The failure that led here is the one reported.
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing more can be done with it.
        }
    }

    /** A transaction waiting to be decided, or a change to apply between two transactions. */
    private record Pending(Transaction transaction, CompletableFuture<Detection> answer, Runnable command) {}
}
