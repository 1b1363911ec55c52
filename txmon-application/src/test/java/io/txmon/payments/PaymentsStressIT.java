package io.txmon.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.Detection;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.payments.Payment.Status;
import io.txmon.storage.Database;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Transaction;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jepsen's bank workload on the payments ledger: many clients move money between a few accounts at once, retry
 * keys, send the same request twice at once and die mid-request, then the books are audited.
 */
class PaymentsStressIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final int ACCOUNTS = 5;
    private static final BigDecimal OPENING_BALANCE = new BigDecimal("1000.00");
    private static final int CLIENTS = 32;
    private static final int OPERATIONS_PER_CLIENT = 60;
    /** Clients stop here even with operations left, so that a slow machine still finishes well within a minute. */
    private static final Duration LOAD_AT_MOST = Duration.ofSeconds(20);

    /** Connections the payments use at once, at most: each request uses one at a time. */
    private static final int MAX_CONNECTIONS = 40;

    /** The killer waits this long, up to twice as long, between kills: dozens to hundreds of requests die a run. */
    private static final int KILLER_PAUSE_MS = 50;

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void keepsTheBooksBalancedUnderConcurrentTransfersRetriesAndKilledClients(DatabaseEngine engine) throws Exception {
        long seed = System.nanoTime();
        long started = System.nanoTime();
        try (TestDatabase test = TestDatabase.create(engine, folder);
                OnlineIngestion online = OnlineIngestion.start(
                        test.database(),
                        DecisionSetup.of(RuleFile.defaults(), Optional.empty()),
                        Clock.systemUTC(),
                        d -> {})) {
            LedgerAccounts accounts = new LedgerAccounts(test.database(), Clock.systemUTC());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                String id = "acct-" + i;
                accounts.open(new NewAccount(id, AccountType.PERSONAL, EUR, OPENING_BALANCE, BigDecimal.ZERO));
                ids.add(id);
            }

            Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            Killer killer = new Killer(test.database(), errors);
            Screenings screenings = new Screenings();
            // Only the payments' connections are killed: the request dies, not the decision path, which outlives
            // it and whose own failures OnlineIngestion's tests cover.
            Payments payments = new Payments(Database.open(killer, test.url()), Clock.systemUTC(), transfer -> {
                Detection decision = screenings.record(transfer, decide(online, transfer));
                if (killer.current().dieAfterScreening) {
                    throw new ClientKilled();
                }
                return decision;
            });

            Workload workload = new Workload(payments, killer, ids, errors, System.nanoTime() + LOAD_AT_MOST.toNanos());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
            long loadStarted = System.nanoTime();
            List<Future<ClientLog>> logs = new ArrayList<>();
            Future<?> killing;
            try {
                killing = clients.submit(() -> killer.killUntilStopped(new SplittableRandom(seed)));
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    logs.add(clients.submit(() -> workload.client(client, new SplittableRandom(seed + 1 + client))));
                }
                for (Future<ClientLog> log : logs) {
                    log.get(LOAD_AT_MOST.toSeconds() + 60, TimeUnit.SECONDS);
                }
            } finally {
                killer.stop();
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS))
                        .as("clients finished")
                        .isTrue();
                workload.shutdown();
                killer.shutdown();
            }
            killing.get();
            long lingered = killer.awaitKilledSessionsGone(Duration.ofSeconds(60));
            double loadSeconds = seconds(loadStarted);

            List<ClientLog> all = new ArrayList<>();
            for (Future<ClientLog> log : logs) {
                all.add(log.get());
            }
            Tally tally = workload.tally;
            Ledger ledger = Ledger.read(test);
            long posted = ledger.count(Status.POSTED);
            long rejected = ledger.count(Status.REJECTED);
            long insufficient = ledger.payments.values().stream()
                    .filter(p -> p.status == Status.REJECTED && p.reason.startsWith("insufficient funds"))
                    .count();
            long blocked = ledger.payments.values().stream()
                    .filter(p -> p.status == Status.REJECTED && p.reason.startsWith("blocked by screening"))
                    .count();
            long held = ledger.count(Status.HELD);
            System.out.println(String.join(
                    ", ",
                    "PaymentsStressIT " + engine + ": " + tally.operations.sum() + " operations ("
                            + tally.requests.sum() + " requests) by " + CLIENTS + " clients",
                    posted + " posted",
                    rejected + " rejected (" + insufficient + " for insufficient funds, " + blocked + " blocked)",
                    held + " held",
                    tally.replays.sum() + " replays",
                    tally.conflicts.sum() + " conflicts",
                    tally.twins.sum() + " twin requests",
                    (tally.killedAfterScreening.sum() + tally.connectionsAborted.sum()) + " kills ("
                            + tally.killedAfterScreening.sum() + " after screening, "
                            + tally.connectionsAborted.sum() + " connections aborted)",
                    tally.resumed.sum() + " resumed after a kill",
                    engine == DatabaseEngine.POSTGRESQL
                            ? lingered + " killed sessions still on the server when the clients were done"
                            : "no server sessions (embedded)",
                    all.stream().mapToLong(log -> log.unresolved.size()).sum() + " never retried",
                    String.format(Locale.ROOT, "%.1f s of load, %.1f s in all", loadSeconds, seconds(started)),
                    "seed " + seed));

            assertNoRequestFailed(errors);
            assertThat(screenings.inconsistencies)
                    .as("a transaction screened again is answered with its first decision")
                    .isEmpty();

            // Money is neither made nor lost, and no account goes below its overdraft (zero here).
            assertThat(new BigDecimal(test.string("SELECT SUM(balance) FROM ledger_accounts")))
                    .isEqualByComparingTo(OPENING_BALANCE.multiply(BigDecimal.valueOf(ACCOUNTS)));
            assertThat(test.count("SELECT COUNT(*) FROM ledger_accounts WHERE balance < -overdraft_limit"))
                    .isZero();
            assertThat(ledger.accounts.values())
                    .allSatisfy(account -> assertThat(account.balance).isNotNegative());

            // Double entry: entries only for POSTED payments (so none for any other), two for each, balancing.
            assertThat(test.count("SELECT COUNT(*) FROM ledger_entries e LEFT JOIN payments p"
                            + " ON p.payment_id = e.payment_id WHERE p.payment_id IS NULL OR p.status <> 'POSTED'"))
                    .isZero();
            assertThat(test.count("SELECT COUNT(*) FROM payments p WHERE p.status = 'POSTED' AND ("
                            + "(SELECT COUNT(*) FROM ledger_entries e WHERE e.payment_id = p.payment_id) <> 2"
                            + " OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.payment_id = p.payment_id"
                            + " AND e.user_id = p.from_account AND e.amount = -p.amount)"
                            + " OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.payment_id = p.payment_id"
                            + " AND e.user_id = p.to_account AND e.amount = p.amount))"))
                    .isZero();
            assertThat(test.count("SELECT COUNT(*) FROM ledger_entries")).isEqualTo(2 * posted);

            // Idempotency: one payment per key, each screened once, by a decision of its own.
            assertThat(test.count("SELECT COUNT(*) - COUNT(DISTINCT idempotency_key) FROM payments"))
                    .isZero();
            assertThat(test.count("SELECT COUNT(*) - COUNT(DISTINCT sequence_number) FROM payments"))
                    .isZero();
            assertThat(test.count("SELECT COUNT(*) FROM transactions"))
                    .as("transactions stored: each screened transaction once, however often it was sent")
                    .isEqualTo(screenings.firstSequence.size());

            // What a client was told is what the books say.
            for (ClientLog log : all) {
                for (Acknowledged ack : log.acknowledged.values()) {
                    StoredPayment stored = ledger.payments.get(ack.paymentId);
                    assertThat(stored).as("acknowledged payment %s", ack).isNotNull();
                    assertThat(stored.key).as("key of %s", ack).isEqualTo(ack.key);
                    assertThat(stored.status).as("status of %s", ack).isEqualTo(ack.status);
                    assertThat(stored.amount).as("amount of %s", ack).isEqualByComparingTo(ack.amount);
                    assertThat(List.of(stored.from, stored.to))
                            .as("accounts of %s", ack)
                            .containsExactly(ack.from, ack.to);
                }
                for (Sent sent : log.unresolved) {
                    if (!sent.mayHavePosted) {
                        assertThat(ledger.byKey)
                                .as("a request killed between screening and posting, never retried, posted nothing")
                                .doesNotContainKey(sent.key);
                    }
                }
            }
            assertThat(ledger.payments.values()).allSatisfy(ledger::assertFollowsItsDecision);

            // The locks: each account's entries, in the order they were written, run from its opening balance to
            // its balance; a lost update would break the chain.
            for (StoredAccount account : ledger.accounts.values()) {
                BigDecimal running = account.openingBalance;
                for (StoredEntry entry : ledger.entries(account.id)) {
                    running = running.add(entry.amount);
                    assertThat(entry.balanceAfter)
                            .as("%s balance after entry %d", account.id, entry.id)
                            .isEqualByComparingTo(running);
                }
                assertThat(account.balance)
                        .as("%s balance, from its opening balance and entries", account.id)
                        .isEqualByComparingTo(running);
            }

            // Not vacuous: every path ran.
            assertThat(posted).as("posted").isPositive();
            assertThat(insufficient).as("rejected for insufficient funds").isPositive();
            assertThat(held + blocked).as("held or blocked by screening").isPositive();
            assertThat(tally.replays.sum()).as("replays").isPositive();
            assertThat(tally.conflicts.sum()).as("conflicts").isPositive();
            assertThat(tally.twins.sum()).as("twin requests both answered").isPositive();
            assertThat(tally.killedAfterScreening.sum())
                    .as("killed after screening")
                    .isPositive();
            assertThat(tally.connectionsAborted.sum())
                    .as("requests whose connection was aborted")
                    .isPositive();
            assertThat(tally.resumed.sum()).as("killed requests retried").isPositive();
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static Detection decide(OnlineIngestion online, Transaction transfer) {
        try {
            return online.detect(transfer).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("screening failed: " + e.getMessage(), e);
        }
    }

    private static void assertNoRequestFailed(Queue<Throwable> errors) {
        if (errors.isEmpty()) {
            return;
        }
        AssertionError failure =
                new AssertionError(errors.size() + " requests failed that no kill explains; the first is the cause");
        failure.initCause(errors.peek());
        errors.stream().skip(1).limit(5).forEach(failure::addSuppressed);
        throw failure;
    }

    /** What the clients do, and what they saw. */
    private static final class Workload {
        final Payments payments;
        final Killer killer;
        final List<String> accounts;
        final long deadline;
        final Tally tally = new Tally();
        final Queue<Throwable> errors;
        /** Runs the second copy of a request sent twice at once. */
        final ExecutorService twins = Executors.newCachedThreadPool();

        Workload(Payments payments, Killer killer, List<String> accounts, Queue<Throwable> errors, long deadline) {
            this.payments = payments;
            this.killer = killer;
            this.accounts = accounts;
            this.errors = errors;
            this.deadline = deadline;
        }

        ClientLog client(int client, SplittableRandom random) {
            ClientLog log = new ClientLog();
            List<Acknowledged> mine = new ArrayList<>();
            for (int op = 0; op < OPERATIONS_PER_CLIENT && System.nanoTime() < deadline; op++) {
                tally.operations.increment();
                int dice = random.nextInt(100);
                String what = "?";
                try {
                    if (dice < 10 && !log.unresolved.isEmpty()) {
                        Sent sent = log.unresolved.remove(random.nextInt(log.unresolved.size()));
                        what = "retrying " + sent;
                        resume(log, sent);
                    } else if (dice < 25 && !mine.isEmpty()) {
                        Acknowledged earlier = mine.get(random.nextInt(mine.size()));
                        what = "replaying " + earlier;
                        replay(earlier);
                    } else if (dice < 29 && !mine.isEmpty()) {
                        Acknowledged earlier = mine.get(random.nextInt(mine.size()));
                        what = "reusing the key of " + earlier;
                        conflict(earlier);
                    } else if (dice < 34) {
                        Sent sent = newRequest(client, op, random);
                        what = "sending twice at once " + sent;
                        twice(log, sent);
                    } else {
                        Sent sent = newRequest(client, op, random);
                        what = "sending " + sent;
                        once(log, sent, random.nextInt(100) < 8);
                    }
                } catch (Exception | AssertionError e) {
                    errors.add(new AssertionError("client " + client + ", " + what + ": " + e, e));
                }
                mine.clear();
                mine.addAll(log.acknowledged.values());
            }
            return log;
        }

        private Sent newRequest(int client, int op, SplittableRandom random) {
            int from = random.nextInt(accounts.size());
            int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
            // 1.00 to 300.00, some more than a payer has left; now and then above the default rules' 10,000, which
            // screening holds or blocks without locking the accounts, so that path meets the postings' locks too.
            BigDecimal amount = random.nextInt(100) < 3
                    ? BigDecimal.valueOf(1_000_001 + random.nextInt(1_000_000), 2)
                    : BigDecimal.valueOf(100 + random.nextInt(29_901), 2);
            return new Sent(
                    "client-" + client + "-op-" + op,
                    new PaymentRequest(accounts.get(from), accounts.get(to), amount, EUR));
        }

        private void once(ClientLog log, Sent sent, boolean dieAfterScreening) throws Exception {
            Optional<PaymentOutcome> outcome = send(sent, dieAfterScreening);
            if (outcome.isEmpty()) {
                log.unresolved.add(sent);
                return;
            }
            assertThat(outcome.get().replayed())
                    .as("a new key's payment is new")
                    .isFalse();
            log.acknowledge(sent, outcome.get());
        }

        /** The client sent it again, as on a timeout, while the first copy was still in flight. */
        private void twice(ClientLog log, Sent sent) throws Exception {
            Future<Optional<PaymentOutcome>> other = twins.submit(() -> send(sent, false));
            Optional<PaymentOutcome> one = send(sent, false);
            Optional<PaymentOutcome> two = other.get(60, TimeUnit.SECONDS);
            if (one.isPresent() && two.isPresent()) {
                tally.twins.increment();
                assertThat(two.get().payment().paymentId())
                        .isEqualTo(one.get().payment().paymentId());
                assertThat(two.get().payment().status())
                        .isEqualTo(one.get().payment().status());
                assertThat(List.of(one.get().replayed(), two.get().replayed()))
                        .as("of two copies at once, one made the payment")
                        .containsExactlyInAnyOrder(false, true);
            }
            if (one.isEmpty() && two.isEmpty()) {
                log.unresolved.add(sent);
                return;
            }
            log.acknowledge(sent, one.isPresent() ? one.get() : two.get());
        }

        private void resume(ClientLog log, Sent sent) throws Exception {
            Optional<PaymentOutcome> outcome = send(sent, false);
            if (outcome.isEmpty()) {
                log.unresolved.add(sent);
                return;
            }
            tally.resumed.increment();
            if (!sent.mayHavePosted) {
                // Killed after screening only: nothing was stored, and the first decision is reused.
                assertThat(outcome.get().replayed()).as("replayed").isFalse();
                assertThat(outcome.get().decision().duplicate())
                        .as("answered with its first decision")
                        .isTrue();
            }
            log.acknowledge(sent, outcome.get());
        }

        private void replay(Acknowledged earlier) throws Exception {
            Optional<PaymentOutcome> outcome = send(earlier.sent, false);
            if (outcome.isEmpty()) {
                return;
            }
            tally.replays.increment();
            assertThat(outcome.get().replayed()).as("replayed").isTrue();
            assertThat(outcome.get().payment().paymentId()).isEqualTo(earlier.paymentId);
            assertThat(outcome.get().payment().status()).isEqualTo(earlier.status);
        }

        private void conflict(Acknowledged earlier) throws Exception {
            PaymentRequest first = earlier.sent.request;
            Sent different = new Sent(
                    earlier.key,
                    new PaymentRequest(
                            first.fromAccount(),
                            first.toAccount(),
                            first.amount().add(new BigDecimal("0.01")),
                            first.currency()));
            try {
                Optional<PaymentOutcome> outcome = send(different, false);
                if (outcome.isPresent()) {
                    fail("a key used for %s was taken for %s: %s", earlier, different, outcome.get());
                }
            } catch (IdempotencyConflictException e) {
                tally.conflicts.increment();
            }
        }

        /** The outcome, or none when the client was killed. */
        private Optional<PaymentOutcome> send(Sent sent, boolean dieAfterScreening) throws SQLException {
            tally.requests.increment();
            Attempt attempt = killer.begin(dieAfterScreening);
            try {
                return Optional.of(payments.pay(sent.key, sent.request));
            } catch (ClientKilled e) {
                tally.killedAfterScreening.increment();
                return Optional.empty();
            } catch (IdempotencyConflictException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!attempt.aborted.get()) {
                    throw e;
                }
                // The connection went mid-request: the payment may have committed just before.
                sent.mayHavePosted = true;
                tally.connectionsAborted.increment();
                return Optional.empty();
            } finally {
                killer.end();
            }
        }

        void shutdown() throws InterruptedException {
            twins.shutdown();
            assertThat(twins.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Counts across clients. */
    private static final class Tally {
        final LongAdder operations = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder replays = new LongAdder();
        final LongAdder conflicts = new LongAdder();
        final LongAdder twins = new LongAdder();
        final LongAdder killedAfterScreening = new LongAdder();
        final LongAdder connectionsAborted = new LongAdder();
        final LongAdder resumed = new LongAdder();
    }

    /** A request as a client sent it; {@code mayHavePosted} once an attempt died where it could have committed. */
    private static final class Sent {
        final String key;
        final PaymentRequest request;
        volatile boolean mayHavePosted;

        Sent(String key, PaymentRequest request) {
            this.key = key;
            this.request = request;
        }

        @Override
        public String toString() {
            return key + " (" + request.fromAccount() + " -> " + request.toAccount() + ", "
                    + request.amount().toPlainString() + ")";
        }
    }

    /** A payment a client was told about. */
    private record Acknowledged(
            Sent sent, String key, String paymentId, Status status, BigDecimal amount, String from, String to) {
        static Acknowledged of(Sent sent, PaymentOutcome outcome) {
            Payment payment = outcome.payment();
            return new Acknowledged(
                    sent,
                    sent.key,
                    payment.paymentId(),
                    payment.status(),
                    payment.amount(),
                    payment.fromAccount(),
                    payment.toAccount());
        }

        @Override
        public String toString() {
            return sent + ": " + paymentId + " " + status;
        }
    }

    /** One client's acknowledged payments by key, and the requests it was killed in and has not seen answered. */
    private static final class ClientLog {
        final Map<String, Acknowledged> acknowledged = new HashMap<>();
        final List<Sent> unresolved = new ArrayList<>();

        void acknowledge(Sent sent, PaymentOutcome outcome) {
            Acknowledged ack = Acknowledged.of(sent, outcome);
            Acknowledged earlier = acknowledged.putIfAbsent(sent.key, ack);
            if (earlier != null) {
                assertThat(ack.paymentId).isEqualTo(earlier.paymentId);
                assertThat(ack.status).isEqualTo(earlier.status);
            }
        }
    }

    /** Thrown by screening for a client that dies once its decision is stored, before anything posts. */
    private static final class ClientKilled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClientKilled() {
            super("client killed after screening", null, false, false);
        }
    }

    /** The decisions screening was answered with, by transaction. */
    private static final class Screenings {
        final Map<String, Long> firstSequence = new ConcurrentHashMap<>();
        final Queue<String> inconsistencies = new ConcurrentLinkedQueue<>();

        Detection record(Transaction transfer, Detection decision) {
            Long first = firstSequence.putIfAbsent(
                    transfer.transactionId(), decision.decision().sequenceNumber());
            if (first != null && first != decision.decision().sequenceNumber()) {
                inconsistencies.add(transfer.transactionId() + " was decided as " + first + " and then as "
                        + decision.decision().sequenceNumber());
            }
            return decision;
        }
    }

    /** One request in progress: whether its client dies after screening, and whether its connection was aborted. */
    private static final class Attempt {
        final boolean dieAfterScreening;
        final AtomicBoolean aborted = new AtomicBoolean();

        Attempt(boolean dieAfterScreening) {
            this.dieAfterScreening = dieAfterScreening;
        }
    }

    /**
     * The payments' connections, pooled as the service pools them, each tagged with the request using it, so that a
     * killer thread can kill one at a random moment: the client dies mid-request, its server session with it. A
     * killed connection leaves the pool. At most {@link #MAX_CONNECTIONS} are in use, as in a pool, which keeps
     * within PostgreSQL's connection limit while the backends of killed ones linger.
     */
    private static final class Killer implements DataSource {
        private final Database database;
        private final Queue<Throwable> errors;
        private final ThreadLocal<Attempt> current = ThreadLocal.withInitial(() -> new Attempt(false));
        private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();
        private final Map<Connection, Attempt> inUse = new ConcurrentHashMap<>();
        private final Set<Connection> killed = ConcurrentHashMap.newKeySet();
        /** PostgreSQL's server process behind each connection, by connection. */
        private final Map<Connection, Integer> backends = new ConcurrentHashMap<>();
        /** The server processes of killed connections, which may still commit what their client sent. */
        private final Set<Integer> killedBackends = ConcurrentHashMap.newKeySet();

        private final Semaphore permits = new Semaphore(MAX_CONNECTIONS);
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final ExecutorService aborts = Executors.newCachedThreadPool();

        Killer(Database database, Queue<Throwable> errors) {
            this.database = database;
            this.errors = errors;
        }

        Attempt begin(boolean dieAfterScreening) {
            Attempt attempt = new Attempt(dieAfterScreening);
            current.set(attempt);
            return attempt;
        }

        Attempt current() {
            return current.get();
        }

        void end() {
            current.remove();
        }

        void killUntilStopped(SplittableRandom random) {
            try {
                while (!stopped.await(KILLER_PAUSE_MS + random.nextInt(KILLER_PAUSE_MS), TimeUnit.MILLISECONDS)) {
                    List<Connection> candidates = new ArrayList<>(inUse.keySet());
                    if (!candidates.isEmpty()) {
                        kill(candidates.get(random.nextInt(candidates.size())));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Kills {@code connection} if it is still in use: marked atomically with its release, so that no connection
         * back in the pool is killed under the next request. PostgreSQL's driver aborts by closing the socket, so
         * the server sees its client gone mid-call. An embedded H2 has no client to lose, and its connections are
         * not safe to close from another thread while a statement runs (the close's rollback can interleave with
         * the statement's writes); so there the next call on the connection fails, and its close, by the request's
         * own thread, rolls back what the request had done.
         */
        private void kill(Connection connection) {
            Attempt victim = inUse.computeIfPresent(connection, (c, attempt) -> {
                killed.add(c);
                Integer backend = backends.get(c);
                if (backend != null) {
                    killedBackends.add(backend);
                }
                attempt.aborted.set(true);
                return attempt;
            });
            if (victim == null || database.engine() == DatabaseEngine.H2) {
                return;
            }
            aborts.execute(() -> {
                try {
                    connection.abort(aborts);
                } catch (SQLException | RuntimeException e) {
                    errors.add(new AssertionError("could not kill a connection: " + e, e));
                }
            });
        }

        private void release(Connection connection) {
            inUse.remove(connection);
            permits.release();
            if (!killed.remove(connection) && reset(connection)) {
                idle.add(connection);
            } else {
                backends.remove(connection);
                closeQuietly(connection);
            }
        }

        /** Whether {@code connection} is as a new one would be: open, auto-commit on, no transaction. */
        private static boolean reset(Connection connection) {
            try {
                if (connection.isClosed()) {
                    return false;
                }
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Killed already: nothing left to close.
            }
        }

        void stop() {
            stopped.countDown();
        }

        /**
         * Waits until the server process of every killed PostgreSQL connection has ended. Its client is gone, but a
         * process waiting for a lock when its socket closed still runs the call it had read and commits it: the
         * books are audited only once nothing more can land in them.
         *
         * @return how many were still there at first
         */
        long awaitKilledSessionsGone(Duration atMost) throws SQLException, InterruptedException {
            if (killedBackends.isEmpty()) {
                return 0;
            }
            long atFirst = -1;
            long deadline = System.nanoTime() + atMost.toNanos();
            try (Connection connection = database.connect();
                    PreparedStatement lingering =
                            connection.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ANY (?)"
                                    + " AND datname = current_database() AND pid <> pg_backend_pid()")) {
                lingering.setArray(1, connection.createArrayOf("integer", killedBackends.toArray()));
                while (true) {
                    try (ResultSet rs = lingering.executeQuery()) {
                        rs.next();
                        atFirst = atFirst < 0 ? rs.getLong(1) : atFirst;
                        if (rs.getLong(1) == 0) {
                            return atFirst;
                        }
                        assertThat(System.nanoTime())
                                .as("%d killed sessions still on the server after %s", rs.getLong(1), atMost)
                                .isLessThan(deadline);
                    }
                    Thread.sleep(20);
                }
            }
        }

        void shutdown() throws InterruptedException {
            aborts.shutdown();
            assertThat(aborts.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
                closeQuietly(connection);
            }
        }

        private Connection newConnection() throws SQLException {
            Connection connection = database.connect();
            if (database.engine() == DatabaseEngine.POSTGRESQL) {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    backends.put(connection, rs.getInt(1));
                }
            }
            return connection;
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new SQLException("no connection free in 30 s", "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted waiting for a connection", "08001", e);
            }
            Connection real;
            try {
                Connection pooled = idle.poll();
                real = pooled != null ? pooled : newConnection();
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
            inUse.put(real, current.get());
            AtomicBoolean released = new AtomicBoolean();
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (released.compareAndSet(false, true)) {
                                release(real);
                            }
                            return null;
                        }
                        if (released.get() && method.getName().equals("isClosed")) {
                            return true;
                        }
                        if (released.get()) {
                            throw new SQLException("connection closed", "08003");
                        }
                        if (killed.contains(real) && database.engine() == DatabaseEngine.H2) {
                            throw new SQLException("connection killed", "08006");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    private record StoredAccount(String id, BigDecimal openingBalance, BigDecimal balance) {}

    private record StoredPayment(
            String id,
            String key,
            String from,
            String to,
            BigDecimal amount,
            Status status,
            String reason,
            String recommendation) {}

    private record StoredEntry(long id, String paymentId, String account, BigDecimal amount, BigDecimal balanceAfter) {}

    /** The books as stored once the clients are done. */
    private record Ledger(
            Map<String, StoredAccount> accounts,
            Map<String, StoredPayment> payments,
            Map<String, StoredPayment> byKey,
            List<StoredEntry> allEntries) {

        static Ledger read(TestDatabase test) throws SQLException {
            Map<String, StoredAccount> accounts = new HashMap<>();
            Map<String, StoredPayment> payments = new HashMap<>();
            Map<String, StoredPayment> byKey = new HashMap<>();
            List<StoredEntry> entries = new ArrayList<>();
            try (Connection connection = test.database().connect();
                    Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery("SELECT l.user_id, a.opening_balance, l.balance"
                        + " FROM ledger_accounts l JOIN accounts a ON a.user_id = l.user_id")) {
                    while (rs.next()) {
                        accounts.put(
                                rs.getString(1),
                                new StoredAccount(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)));
                    }
                }
                try (ResultSet rs = statement.executeQuery("SELECT p.payment_id, p.idempotency_key, p.from_account,"
                        + " p.to_account, p.amount, p.status, p.reason, d.recommendation FROM payments p"
                        + " JOIN decisions d ON d.sequence_number = p.sequence_number")) {
                    while (rs.next()) {
                        StoredPayment payment = new StoredPayment(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getBigDecimal(5),
                                Status.valueOf(rs.getString(6)),
                                rs.getString(7),
                                rs.getString(8));
                        payments.put(payment.id, payment);
                        byKey.put(payment.key, payment);
                    }
                }
                try (ResultSet rs = statement.executeQuery("SELECT entry_id, payment_id, user_id, amount,"
                        + " balance_after FROM ledger_entries ORDER BY entry_id")) {
                    while (rs.next()) {
                        entries.add(new StoredEntry(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getBigDecimal(4),
                                rs.getBigDecimal(5)));
                    }
                }
            }
            assertThat(test.count("SELECT COUNT(*) FROM payments"))
                    .as(
                            "payments, against those read with their decisions; without one: %s",
                            test.string(
                                    "SELECT STRING_AGG(p.payment_id || ' ' || p.status || ' #' || CAST(p.sequence_number AS VARCHAR(20)), ', ')"
                                            + " FROM payments p WHERE NOT EXISTS (SELECT 1 FROM decisions d"
                                            + " WHERE d.sequence_number = p.sequence_number)"))
                    .isEqualTo(payments.size());
            return new Ledger(accounts, payments, byKey, entries);
        }

        long count(Status status) {
            return payments.values().stream().filter(p -> p.status == status).count();
        }

        List<StoredEntry> entries(String account) {
            return allEntries.stream().filter(e -> e.account.equals(account)).toList();
        }

        /** POSTED or short of funds when approved, HELD when sent to review, REJECTED when blocked. */
        void assertFollowsItsDecision(StoredPayment payment) {
            switch (payment.recommendation) {
                case "APPROVE" -> {
                    if (payment.status != Status.POSTED) {
                        assertThat(payment.status).as("%s", payment).isEqualTo(Status.REJECTED);
                        assertThat(payment.reason).as("%s", payment).startsWith("insufficient funds");
                    }
                }
                case "REVIEW" -> assertThat(payment.status).as("%s", payment).isEqualTo(Status.HELD);
                case "BLOCK" -> {
                    assertThat(payment.status).as("%s", payment).isEqualTo(Status.REJECTED);
                    assertThat(payment.reason).as("%s", payment).startsWith("blocked by screening");
                }
                default -> fail("unknown recommendation in %s", payment);
            }
        }
    }
}
