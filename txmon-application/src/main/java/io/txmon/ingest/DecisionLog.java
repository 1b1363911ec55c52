package io.txmon.ingest;

import io.txmon.boosting.SupervisedModel;
import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.StoredDecision;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.ReviewLine;
import io.txmon.scoring.TransactionScorer;
import io.txmon.shadow.ChallengerSetup;
import io.txmon.shadow.Shadow;
import io.txmon.storage.Database;
import io.txmon.storage.Jdbc;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The one path from a transaction to its stored decision, behind every door: files ({@link Ingestion}), the API,
 * payments and the inbox ({@link OnlineIngestion}). It gives out sequence numbers, recognises transactions stored
 * before, scores through {@link TransactionScorer} on the run's account and entity states, teaching the entity states
 * each stored label once it is known ({@link OutcomeLearning}), writes behind the scoring on a second connection and
 * thread, checkpoints the states and keeps the run's row in the ledger.
 *
 * <p>Its seams are those a further door needs: the account and entity states ({@link AccountStateCache} and {@link
 * EntityStateCache}, core's {@code AccountStateStore} and {@code EntityStateStore}), the {@link DecisionSink} the
 * decisions go to, and the run ledger ({@link RunLedger}). A door
 * adds only how transactions reach it: ordered chunks, or single submissions answered once stored.
 *
 * <p>Writing behind: at most one batch is in flight, which bounds memory, and the run's counts move on only once a
 * batch has committed, so that they always match the database. Scoring the next batch overlaps writing this one;
 * the two take about as long each, so together they take about as long as one.
 *
 * <p>Champion and challenger: when a challenger runs ({@link io.txmon.shadow.Shadow}), each transaction is also
 * decided by it ({@link ChallengerEngine}), on the features the champion's scorer just computed, after the champion's
 * decision is made and without touching it; its decision rides in {@link Scored#shadow} and is written to {@code
 * shadow_decisions} in the commit that stores the champion's. A challenger that fails on a transaction is logged and
 * leaves that transaction without a shadow decision: it never fails the champion's.
 *
 * <p>Used from one thread (the door's), besides its own writer; not thread-safe.
 */
final class DecisionLog implements AutoCloseable {
    /** When an account's latest risk score is saved to {@code accounts}. */
    enum RiskWrites {
        /** With every batch: the API's account profiles show it at once. */
        WITH_EACH_BATCH,
        /** At checkpoints only: what keeps loading files fast; recovery replays the rest. */
        AT_CHECKPOINTS
    }

    /** Work a door adds to a commit of the log, on the log's connection for that commit. */
    @FunctionalInterface
    interface AlsoCommitted {
        AlsoCommitted NOTHING = (connection, now) -> {};

        void write(Connection connection, Instant now) throws SQLException;
    }

    private static final System.Logger LOG = System.getLogger(DecisionLog.class.getName());

    private final Database database;
    private final BulkWriter bulk;
    private final Clock clock;
    private final RiskWrites riskWrites;
    private final Connection deciding;
    private final Connection writing;
    private final DecisionSink sink;
    private final ExecutorService writer;
    private final long runId;
    private final AccountStateCache states;
    private final EntityStateCache entities;
    /** Null until {@link #open} read it; then the outcomes the entity states learn, as they become known. */
    private StoredOutcomes outcomes;
    /** What the committed batches add up to. */
    private final RunCounts counts = new RunCounts();

    /** Replaced only by the door's thread; read by others through {@link #scorer()}. */
    private volatile TransactionScorer scorer;

    /** The challenger deciding beside the scorer; replaced only by the door's thread. */
    private volatile Optional<ChallengerEngine> challenger = Optional.empty();

    private long sequence;
    private Future<RunCounts> pending;

    private DecisionLog(
            Database database,
            Clock clock,
            RiskWrites riskWrites,
            BulkWriter bulk,
            Connection deciding,
            Connection writing,
            long runId,
            AccountStateCache states,
            EntityStateCache entities) {
        this.database = database;
        this.bulk = bulk;
        this.clock = clock;
        this.riskWrites = riskWrites;
        this.deciding = deciding;
        this.writing = writing;
        this.sink = new DecisionTables(bulk, writing);
        this.runId = runId;
        this.states = states;
        this.entities = entities;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "txmon-decision-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the log on {@code database} for a run reading {@code source}: marks runs a dead process left RUNNING
     * as ABANDONED (telling {@code progress}), starts the run, stores {@code reference}, and brings the saved
     * account and entity states up to the last stored transaction. It decides with {@code rules}, {@code model} and
     * the database's supervised champion, if one is kept. A failure after the run started leaves it FAILED.
     *
     * @param labelDelay when a label without {@code labelled_at} becomes known after its transaction, for the
     *     outcomes the entity states learn ({@link OutcomeLearning})
     */
    static DecisionLog open(
            Database database,
            String source,
            RuleSet rules,
            Optional<AnomalyModel> model,
            Map<String, Account> reference,
            Duration labelDelay,
            RiskWrites riskWrites,
            Clock clock,
            Consumer<String> progress)
            throws SQLException {
        BulkWriter bulk = BulkWriter.of(database.engine());
        Connection deciding = database.connect();
        Connection writing = null;
        try {
            deciding.setAutoCommit(false);
            writing = database.connect();
            writing.setAutoCommit(false);
            Instant now = clock.instant();
            for (long stale : RunLedger.abandonStale(deciding, now)) {
                progress.accept("run " + stale + " was still RUNNING (interrupted): marked ABANDONED");
            }
            long runId = RunLedger.start(deciding, source, now);
            if (!reference.isEmpty()) {
                RunLedger.reference(deciding, bulk, reference.values());
            }
            deciding.commit();
            AccountStateCache states = new AccountStateCache(bulk, reference);
            EntityStateCache entities = new EntityStateCache(bulk);
            DecisionLog log =
                    new DecisionLog(database, clock, riskWrites, bulk, deciding, writing, runId, states, entities);
            try {
                log.outcomes = StoredOutcomes.open(
                        bulk, deciding, labelDelay, AccountStateCache.checkpointedThrough(deciding));
                long replayed = StateRecovery.recover(
                        database, deciding, states, entities, log.outcomes, rules.features(), now);
                if (replayed > 0) {
                    progress.accept(String.format(
                            "replayed %,d transactions stored after the last checkpoint into the account and entity"
                                    + " states",
                            replayed));
                }
                log.sequence = lastSequenceNumber(deciding);
                TransactionScorer scorer = new TransactionScorer(rules, model, states, entities);
                // The registry's supervised champion decides beside them behind every door; chosen before the line
                // is primed, so that a door opening again under the same champion draws an unbroken run's lines.
                scorer.useSupervised(new StoredSupervisedModels(database).champion());
                log.scorer = log.primed(scorer);
                log.challenger = log.primed(Shadow.running(database));
                deciding.commit();
                return log;
            } catch (SQLException | RuntimeException e) {
                log.finishAfter(e);
                log.close();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            Jdbc.closeQuietly(writing);
            Jdbc.closeQuietly(deciding);
            throw e;
        }
    }

    /** The run this log records its transactions under. */
    long runId() {
        return runId;
    }

    /** The rules and model that decide now. */
    TransactionScorer scorer() {
        return scorer;
    }

    /** The challenger deciding beside the champion now; empty when none runs. */
    Optional<ChallengerSetup> challenger() {
        return challenger.map(ChallengerEngine::setup);
    }

    /**
     * Has {@code setup} (or none) decide beside the champion from the next transaction on, its line primed by what it
     * stored before (a challenger that runs on).
     */
    void shadow(Optional<ChallengerSetup> setup) throws SQLException {
        try {
            challenger = primed(setup);
        } finally {
            deciding.commit();
        }
    }

    /**
     * Decides with {@code rules} and {@code model} from the next transaction on; the account and entity states carry
     * on, as they depend on neither.
     */
    void use(RuleSet rules, Optional<AnomalyModel> model) throws SQLException {
        try {
            Optional<SupervisedModel> supervised = scorer.engine().supervised();
            TransactionScorer next = new TransactionScorer(rules, model, states, entities);
            next.useSupervised(supervised);
            scorer = primed(next);
        } finally {
            deciding.commit();
        }
    }

    /**
     * {@code fresh} with its alert budget's line primed by the scores stored under the same rule set, anomaly model
     * and supervised model over the days the line reads: a door that opens again (each {@code ingest} run, a restarted
     * service, a rule set chosen again) judges each day by the line an unbroken run would have drawn, and one that
     * opens under a supervised champion chosen since draws it from the new model's scores alone. The window ends at the
     * latest stored transaction whatever decided it, as event time runs on for every version. Leaves a transaction
     * open on the log's connection.
     */
    private TransactionScorer primed(TransactionScorer fresh) throws SQLException {
        Optional<Instant> latest = DecisionTables.latestEventTime(deciding);
        if (latest.isPresent()) {
            // The window's days and the latest day itself, whatever the rule set's time zone.
            Instant from = latest.get().minus(Duration.ofDays(ReviewLine.WINDOW_DAYS + 2));
            ReviewLine line = fresh.reviewLine();
            DecisionTables.scoresSince(
                    deciding,
                    fresh.engine().rules().version(),
                    fresh.engine().model().map(AnomalyModel::version),
                    fresh.engine().supervised().map(SupervisedModel::version),
                    from,
                    line::record);
        }
        return fresh;
    }

    /**
     * {@code setup}'s engine with its line primed by the scores it stored, as {@link #primed(TransactionScorer)} does
     * for the champion's. Leaves a transaction open on the log's connection.
     */
    private Optional<ChallengerEngine> primed(Optional<ChallengerSetup> setup) throws SQLException {
        if (setup.isEmpty()) {
            return Optional.empty();
        }
        ChallengerEngine engine = new ChallengerEngine(setup.get());
        Optional<Instant> latest = DecisionTables.latestEventTime(deciding);
        if (latest.isPresent()) {
            Instant from = latest.get().minus(Duration.ofDays(ReviewLine.WINDOW_DAYS + 2));
            ShadowTables.scoresSince(deciding, engine.id(), from, engine.reviewLine()::record);
        }
        return Optional.of(engine);
    }

    /**
     * Decides with {@code supervised} (or none) beside the rules and the anomaly model from the next transaction on,
     * as when a supervised champion is chosen; the account and entity states carry on, and the review line starts
     * anew for the new model's scores.
     */
    void useSupervised(Optional<SupervisedModel> supervised) {
        scorer.useSupervised(supervised);
    }

    /** The connection the door's own ledger rows go on, committed with the log's next {@link #checkpoint}. */
    Connection connection() {
        return deciding;
    }

    /** What the committed batches add up to, once the batch in flight committed; the door may add to it. */
    RunCounts counts() throws SQLException {
        drain();
        return counts;
    }

    /**
     * The one duplicate lookup: the decisions among {@code ids} stored before. A door never asks for an id it has
     * in flight, so a lookup while the writer is busy cannot miss one.
     */
    Map<String, StoredDecision> stored(Collection<String> ids) throws SQLException {
        return DecisionTables.stored(deciding, database.engine(), ids);
    }

    /**
     * Loads what scoring {@code transactions} reads (their accounts' and entities' states, the labels stored since
     * the last look, and the entities of the labelled transactions whose outcomes become known meanwhile) and ends
     * the lookups' transaction.
     */
    void prepare(List<Transaction> transactions) throws SQLException {
        states.load(deciding, accountsOf(transactions));
        Set<String> unstored = outcomes.refresh(deciding);
        if (!unstored.isEmpty()) {
            // A label may name a transaction decided but still in flight: looked for again once it is written.
            drain();
            outcomes.resolve(deciding, unstored);
        }
        Instant until = Instant.MIN;
        for (Transaction tx : transactions) {
            until = tx.timestamp().isAfter(until) ? tx.timestamp() : until;
        }
        List<Transaction> touched = new ArrayList<>(transactions);
        touched.addAll(outcomes.learning().dueBefore(until));
        entities.load(deciding, touched);
        deciding.commit();
    }

    /**
     * Decides {@code tx}, next in the stored order, once the entity states learned every outcome known before it; a
     * failure may leave its accounts' and entities' states half-changed.
     */
    Scored decide(Transaction tx) {
        learnOutcomesBefore(tx);
        return score(tx);
    }

    /** Teaches the entity states every outcome known before {@code tx}'s event time and not learned yet. */
    private void learnOutcomesBefore(Transaction tx) {
        outcomes.learning().learnBefore(tx.timestamp(), scorer::learnOutcome);
    }

    private Scored score(Transaction tx) {
        Decision decision = scorer.score(tx);
        outcomes.learning().decided(tx);
        Scored scored = new Scored(tx, decision, ++sequence, shadowDecision(tx));
        if (riskWrites == RiskWrites.AT_CHECKPOINTS) {
            states.risk(tx.userId(), DecisionColumns.riskScore(decision));
        }
        return scored;
    }

    /**
     * The challenger's decision on {@code tx}, from the features the champion just decided on; empty when none runs,
     * or when it fails, which is logged: the champion's decision stands either way.
     */
    private Optional<Scored.ShadowDecision> shadowDecision(Transaction tx) {
        Optional<ChallengerEngine> running = challenger;
        if (running.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(running.get()
                    .decide(tx, scorer.lastFeatures(), scorer.engine().supervised()));
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "challenger " + running.get().id() + " could not decide transaction " + tx.transactionId()
                            + "; the champion's decision stands",
                    e);
            return Optional.empty();
        }
    }

    /**
     * Decides {@code tx} so that a failure fails it alone: its accounts' and entities' states are put back as they
     * were (the outcomes learned before it stay learned), and it takes no sequence number. One transaction that breaks
     * scoring (an unreadable saved state, a bug) must not stop every later one.
     *
     * @throws TransactionNotDecidedException saying why
     */
    Scored decideAlone(Transaction tx) {
        AccountStateCache.Snapshot before = null;
        EntityStateCache.Snapshot entitiesBefore = null;
        try {
            // Outcomes known before it are learned whether or not it can be decided.
            learnOutcomesBefore(tx);
            before = states.snapshot(tx.userId(), tx.payeeAccount());
            entitiesBefore = entities.snapshot(tx);
            return score(tx);
        } catch (RuntimeException e) {
            if (before != null) {
                before.restore();
            }
            if (entitiesBefore != null) {
                entitiesBefore.restore();
            }
            throw new TransactionNotDecidedException(
                    "transaction " + tx.transactionId() + " could not be decided: " + e.getMessage(), e);
        }
    }

    /**
     * Hands {@code batch} to the writer once the batch before it has committed: the sink writes it, {@code also}
     * adds the door's rows, and the run's counts plus {@code delta} are written with it in one commit.
     *
     * @param delta what the batch adds to the run's counts, rejected and duplicate records included
     * @param committed told once the batch committed, on the writing thread; it must be quick
     * @param failed told why, should the batch roll back, on the writing thread
     */
    void append(List<Scored> batch, RunCounts delta, AlsoCommitted also, Runnable committed, Consumer<Exception> failed)
            throws SQLException {
        drain();
        RunCounts after = counts.copy();
        after.add(delta);
        Map<String, BigDecimal> risks = riskWrites == RiskWrites.WITH_EACH_BATCH ? latestRisks(batch) : Map.of();
        pending = writer.submit(() -> {
            try {
                Instant now = clock.instant();
                sink.write(batch, runId, now);
                ShadowTables.write(bulk, writing, batch);
                if (!risks.isEmpty()) {
                    AccountStateCache.saveRisks(bulk, writing, risks, now);
                }
                also.write(writing, now);
                RunLedger.count(writing, runId, after);
                writing.commit();
            } catch (SQLException | RuntimeException e) {
                Jdbc.rollbackQuietly(writing);
                failed.accept(e);
                throw e;
            }
            committed.run();
            return after;
        });
    }

    /** Waits for the batch in flight to commit; rethrows what made it fail. */
    void drain() throws SQLException {
        if (pending == null) {
            return;
        }
        try {
            counts.set(pending.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IngestionException("writing decisions failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionException("interrupted while writing decisions", e);
        } finally {
            pending = null;
        }
    }

    /**
     * Waits for the batch in flight, if any, without throwing: after the door failed, so that the writer's
     * connection is not closed under it and the counts include the batch if it committed.
     */
    void settle() {
        try {
            drain();
        } catch (SQLException | RuntimeException e) {
            // The batch rolled back; the door's own failure is the one to report.
        }
    }

    /**
     * Saves the account and entity states changed since the last checkpoint, with how far the entity states learned
     * the outcomes, {@code also}'s rows and the run's counts, in one commit, once the batch in flight committed.
     */
    void checkpoint(AlsoCommitted also) throws SQLException {
        drain();
        Instant now = clock.instant();
        states.checkpoint(deciding, sequence, now);
        entities.checkpoint(deciding, now);
        outcomes.checkpoint(deciding, now);
        commit(also);
        states.checkpointed();
        entities.checkpointed();
        outcomes.checkpointed();
    }

    /** Commits {@code also}'s rows with the run's counts, once the batch in flight committed. */
    void commit(AlsoCommitted also) throws SQLException {
        commit(new RunCounts(), also);
    }

    /**
     * Commits {@code also}'s rows with the run's counts plus {@code delta}, once the batch in flight committed; should
     * that fail, it is rolled back and the counts stay as they were, so that the log goes on.
     */
    void commit(RunCounts delta, AlsoCommitted also) throws SQLException {
        drain();
        RunCounts after = counts.copy();
        after.add(delta);
        try {
            also.write(deciding, clock.instant());
            RunLedger.count(deciding, runId, after);
            deciding.commit();
        } catch (SQLException | RuntimeException e) {
            Jdbc.rollbackQuietly(deciding);
            throw e;
        }
        counts.set(after);
    }

    /** Ends the run as SUCCEEDED with a last checkpoint. */
    IngestionResult finish() throws SQLException {
        checkpoint(AlsoCommitted.NOTHING);
        RunLedger.finish(deciding, runId, counts, "SUCCEEDED", null, clock.instant());
        deciding.commit();
        return counts.result(runId);
    }

    /**
     * Ends the run as FAILED for {@code cause}, keeping what committed: the deciding connection's open work is
     * rolled back, the batch in flight settled. Returns the message recorded.
     */
    String finishAfter(Throwable cause) {
        settle();
        String message = "run " + runId + " failed: " + rootMessage(cause);
        try {
            deciding.rollback();
            RunLedger.finish(deciding, runId, counts, "FAILED", message, clock.instant());
            deciding.commit();
        } catch (SQLException | RuntimeException ignored) {
            // The database is what failed, most likely; the run stays RUNNING and the next start marks it ABANDONED.
        }
        return message;
    }

    /** Lets go of the database; what is in flight is not waited for. */
    @Override
    public void close() {
        writer.shutdownNow();
        Jdbc.closeQuietly(deciding);
        Jdbc.closeQuietly(writing);
    }

    /** The accounts whose states scoring {@code transactions} reads: payers, and payees of transfers. */
    static Set<String> accountsOf(List<Transaction> transactions) {
        Set<String> accountIds = new HashSet<>();
        for (Transaction tx : transactions) {
            accountIds.add(tx.userId());
            if (tx.payeeAccount() != null) {
                accountIds.add(tx.payeeAccount());
            }
        }
        return accountIds;
    }

    static long lastSequenceNumber(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT COALESCE(MAX(sequence_number), 0) FROM transactions");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, BigDecimal> latestRisks(List<Scored> batch) {
        Map<String, BigDecimal> risks = new LinkedHashMap<>();
        for (Scored scored : batch) {
            risks.put(scored.transaction().userId(), DecisionColumns.riskScore(scored.decision()));
        }
        return risks;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause instanceof ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
