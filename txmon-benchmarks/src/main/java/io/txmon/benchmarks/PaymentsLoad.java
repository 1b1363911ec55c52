package io.txmon.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.payments.LedgerAccounts;
import io.txmon.payments.NewAccount;
import io.txmon.payments.Payment;
import io.txmon.payments.PaymentRequest;
import io.txmon.payments.Payments;
import io.txmon.storage.Database;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.PostgresScratchDatabase;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Payments per second that 16 clients paying back to back get from the ledger on PostgreSQL, screening by the
 * decision path included, and their latency. Run: {@code txmon-benchmarks/scripts/payments-load.sh}, or {@code java
 * -cp txmon-benchmarks/target/benchmarks.jar io.txmon.benchmarks.PaymentsLoad [seconds] [payments|screening]}.
 *
 * <p>{@code screening} sends the same transfers through the decision path alone, stored with their decisions but
 * not posted: what screening costs of a payment.
 *
 * <p>Connections come from a HikariCP pool of 20, as the service keeps them: without a pool every query would open
 * a connection, which alone costs about 25 ms on this machine.
 */
public final class PaymentsLoad {
    private static final int THREADS = 16;
    private static final int ACCOUNTS = 1_000;
    private static final int WARM_UP_SECONDS = 10;
    /** Enough that practically every payment posts: the ledger's work, not its refusals, is measured. */
    private static final BigDecimal OPENING_BALANCE = new BigDecimal("1000000.00");

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Duration SCREENING_WAIT = Duration.ofSeconds(30);
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    private PaymentsLoad() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        boolean clean;
        try (PostgresScratchDatabase scratch = PostgresScratchDatabase.create(
                SERVER, USER, "txmon_payments_load_" + ProcessHandle.current().pid())) {
            clean = run(scratch.url(), seconds, args.length > 1 && args[1].equals("screening"));
        }
        if (!clean) {
            System.exit(1);
        }
    }

    /** Whether every payment was answered. */
    private static boolean run(String url, int seconds, boolean screeningOnly) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        try (HikariDataSource pool = pool(url)) {
            Database database = Database.open(pool, url);
            try (OnlineIngestion online = OnlineIngestion.start(
                    database,
                    DecisionSetup.of(RuleFile.defaults(), Optional.empty()),
                    Clock.systemUTC(),
                    decision -> {})) {
                List<String> accounts = open(database, clients);
                Payments payments =
                        new Payments(database, Clock.systemUTC(), transfer -> online.decide(transfer, SCREENING_WAIT));

                System.out.printf(
                        Locale.ROOT,
                        "machine: %d cores, Java %s (%s), %s at 127.0.0.1:5432%n",
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.runtime.version"),
                        System.getProperty("java.vm.name"),
                        database.serverVersion());
                System.out.printf(
                        Locale.ROOT,
                        "connections: HikariCP, %d at most%naccounts: %,d, opening balance %s each%n",
                        pool.getMaximumPoolSize(),
                        ACCOUNTS,
                        OPENING_BALANCE.toPlainString());

                Attempt attempt = screeningOnly
                        ? (key, request) -> {
                            online.decide(transfer(key, request), SCREENING_WAIT);
                            return null;
                        }
                        : (key, request) -> payments.pay(key, request).payment().status();
                System.out.println(screeningOnly ? "measured: screening alone, nothing posted" : "measured: payments");
                Round warmUp = load(attempt, accounts, clients, "warm", WARM_UP_SECONDS);
                // The statistics a database in use has (autovacuum analyzes a table at most once a minute): on a
                // fresh database the planner takes the tables for tiny and scans them whole, which the warm-up,
                // at tens of milliseconds a payment, shows.
                database.analyze();
                System.out.printf(
                        Locale.ROOT,
                        "warm-up: %d s, %,d payments, discarded; then ANALYZE%n",
                        WARM_UP_SECONDS,
                        warmUp.payments());
                Round measured = load(attempt, accounts, clients, "run", seconds);
                measured.print(screeningOnly ? "transfers screened" : "payments");
                if (online.failure().isPresent()) {
                    System.out.println(
                            "decision path failed: " + online.failure().get());
                    return false;
                }
                return warmUp.errors() == 0 && measured.errors() == 0;
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** The clients, the decision path's two connections, and room for the migration's. */
    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(THREADS + 4);
        config.setPoolName("txmon-payments-load");
        return new HikariDataSource(config);
    }

    /** Opens the accounts on all clients' threads at once: setting up is not what is measured. */
    private static List<String> open(Database database, ExecutorService clients) throws Exception {
        LedgerAccounts ledger = new LedgerAccounts(database, Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        List<Future<?>> opened = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = String.format(Locale.ROOT, "load-%04d", i);
            ids.add(id);
            opened.add(clients.submit(() ->
                    ledger.open(new NewAccount(id, AccountType.PERSONAL, EUR, OPENING_BALANCE, BigDecimal.ZERO))));
        }
        for (Future<?> account : opened) {
            account.get();
        }
        return ids;
    }

    /** One request of a client: the payment's status, or null when only screened. */
    @FunctionalInterface
    private interface Attempt {
        Payment.Status make(String key, PaymentRequest request);
    }

    private static Transaction transfer(String key, PaymentRequest request) {
        return Transaction.builder("screen_" + key, Instant.now(), request.fromAccount(), request.amount())
                .currency(request.currency())
                .type(TransactionType.TRANSFER)
                .counterpartyId(request.toAccount())
                .build();
    }

    /** {@link #THREADS} clients paying back to back for {@code seconds}, each with keys of its own. */
    private static Round load(
            Attempt attempt, List<String> accounts, ExecutorService clients, String round, int seconds)
            throws Exception {
        long started = System.nanoTime();
        long until = started + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Client>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String prefix = round + "-" + t + "-";
            SplittableRandom random = new SplittableRandom(round.hashCode() * 31L + t);
            running.add(clients.submit(() -> Client.pay(attempt, accounts, prefix, random, until)));
        }
        List<Client> done = new ArrayList<>();
        for (Future<Client> client : running) {
            done.add(client.get());
        }
        return Round.of(done, (System.nanoTime() - started) / 1e9);
    }

    /** What one client did: its latencies in nanoseconds, in the order paid, and its outcomes. */
    private static final class Client {
        long[] latencies = new long[4_096];
        int payments;
        long posted;
        long rejected;
        long held;
        long errors;
        Exception firstError;

        static Client pay(Attempt attempt, List<String> accounts, String prefix, SplittableRandom random, long until) {
            Client client = new Client();
            for (int i = 0; System.nanoTime() < until; i++) {
                int from = random.nextInt(accounts.size());
                int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
                PaymentRequest request = new PaymentRequest(
                        accounts.get(from), accounts.get(to), BigDecimal.valueOf(100 + random.nextInt(49_901), 2), EUR);
                long start = System.nanoTime();
                try {
                    Payment.Status status = attempt.make(prefix + i, request);
                    client.answered(System.nanoTime() - start, status);
                } catch (RuntimeException e) {
                    client.errors++;
                    if (client.firstError == null) {
                        client.firstError = e;
                    }
                }
            }
            return client;
        }

        private void answered(long nanos, Payment.Status status) {
            if (payments == latencies.length) {
                latencies = Arrays.copyOf(latencies, payments * 2);
            }
            latencies[payments++] = nanos;
            if (status != null) {
                switch (status) {
                    case POSTED -> posted++;
                    case REJECTED -> rejected++;
                    case HELD -> held++;
                }
            }
        }
    }

    /** All clients' results in one round, latencies in milliseconds (nearest rank). */
    private record Round(
            double seconds,
            int payments,
            long posted,
            long rejected,
            long held,
            long errors,
            Exception firstError,
            double p50,
            double p90,
            double p99,
            double p999,
            double max) {
        static Round of(List<Client> clients, double seconds) {
            long[] sorted = clients.stream()
                    .flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.payments))
                    .sorted()
                    .toArray();
            return new Round(
                    seconds,
                    sorted.length,
                    clients.stream().mapToLong(c -> c.posted).sum(),
                    clients.stream().mapToLong(c -> c.rejected).sum(),
                    clients.stream().mapToLong(c -> c.held).sum(),
                    clients.stream().mapToLong(c -> c.errors).sum(),
                    clients.stream()
                            .map(c -> c.firstError)
                            .filter(e -> e != null)
                            .findFirst()
                            .orElse(null),
                    percentile(sorted, 50),
                    percentile(sorted, 90),
                    percentile(sorted, 99),
                    percentile(sorted, 99.9),
                    percentile(sorted, 100));
        }

        private static double percentile(long[] sortedNanos, double percent) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percent / 100 * sortedNanos.length);
            return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
        }

        void print(String what) {
            System.out.printf(
                    Locale.ROOT,
                    "threads: %d, seconds: %.1f, %s: %,d (posted %,d, rejected %,d, held %,d), errors: %,d%n",
                    THREADS,
                    seconds,
                    what,
                    payments,
                    posted,
                    rejected,
                    held,
                    errors);
            System.out.printf(
                    Locale.ROOT,
                    "%s per second: %.1f (posted per second: %.1f)%n",
                    what,
                    payments / seconds,
                    posted / seconds);
            System.out.printf(
                    Locale.ROOT,
                    "latency ms: p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f%n",
                    p50,
                    p90,
                    p99,
                    p999,
                    max);
            if (firstError != null) {
                System.out.println("first error: " + firstError);
            }
        }
    }
}
