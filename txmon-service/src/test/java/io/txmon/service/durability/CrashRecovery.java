package io.txmon.service.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.service.durability.ServiceProcess.Answer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, "nothing answered is ever lost": the real service ({@code java -jar txmon-service.jar}, as {@code
 * bin/txmon serve} runs it) takes concurrent {@code /detect} and {@code /payments} load, is killed with SIGKILL in the
 * middle of it, and is started again on the same database. Every transaction it had answered must then be answered
 * again as a duplicate with the same decision and sequence number, and every payment it had answered must be replayed
 * under its {@code Idempotency-Key}, not posted a second time, leaving every balance as it was.
 */
abstract class CrashRecovery {
    /** Kill and restart rounds per engine: each one a few seconds of load, a kill, a start and the checks. */
    private static final int ROUNDS = 3;

    /**
     * Load runs at least this long and until {@link #MIN_DETECTIONS} and {@link #MIN_PAYMENTS} are answered, but no
     * longer than {@link #MAX_LOAD}: a busy machine answers fewer a second, and a round with few answers proves little.
     */
    private static final Duration MIN_LOAD = Duration.ofSeconds(3);

    private static final Duration MAX_LOAD = Duration.ofSeconds(30);
    private static final int DETECT_CLIENTS = 4;
    private static final int PAYMENT_CLIENTS = 4;
    private static final int ACCOUNTS = 12;
    private static final int USERS = 200;

    /** Answers a round must have before its kill: below them a round has barely run and proves little. */
    private static final int MIN_DETECTIONS = 150;

    private static final int MIN_PAYMENTS = 50;

    private static final Instant FIRST_EVENT = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path logs;

    /** The engine's name, as the numbers printed call it. */
    abstract String engine();

    /** The JDBC URL of a fresh database of the engine, as a user would give it to {@code bin/txmon serve --db}. */
    abstract String databaseUrl();

    @Test
    void everyAnswerGivenBeforeAKillDashNineIsStillTheAnswerAfterTheRestart() throws Exception {
        String run = "c" + UUID.randomUUID().toString().substring(0, 8);
        List<Round> rounds = new ArrayList<>();
        ServiceProcess service = ServiceProcess.start(databaseUrl(), logs.resolve("service-0.log"));
        try {
            List<String> accounts = openAccounts(service, run);
            for (int round = 1; round <= ROUNDS; round++) {
                Load load = new Load(run + "r" + round, accounts);
                load.driveAndKill(service);
                service = ServiceProcess.start(databaseUrl(), logs.resolve("service-" + round + ".log"));
                Round checked = load.check(service, round, accounts);
                System.out.println(checked.describe(engine()));
                rounds.add(checked);
            }
        } finally {
            service.kill();
        }

        Map<Long, Integer> uses = new HashMap<>();
        rounds.forEach(r -> r.sequenceNumbers().forEach(n -> uses.merge(n, 1, Integer::sum)));
        List<Long> reused = uses.entrySet().stream()
                .filter(use -> use.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        System.out.printf(
                "CrashRecovery %s: %d sequence numbers answered in %d rounds, %d of them for more than one request%n",
                engine(), uses.size(), rounds.size(), reused.size());
        for (Round round : rounds) {
            assertThat(round.detections()).as(round.describe(engine())).isGreaterThanOrEqualTo(MIN_DETECTIONS);
            assertThat(round.payments()).as(round.describe(engine())).isGreaterThanOrEqualTo(MIN_PAYMENTS);
            assertThat(round.lostDetections()).as(round.describe(engine())).isEmpty();
            assertThat(round.lostPayments()).as(round.describe(engine())).isEmpty();
            assertThat(round.changedBalances()).as(round.describe(engine())).isEmpty();
        }
        assertThat(reused)
                .as("sequence numbers answered for two different requests")
                .isEmpty();
    }

    private static List<String> openAccounts(ServiceProcess service, String run) {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = run + "_acct" + i;
            Answer opened = service.send("POST", "/accounts", """
                    {"user_id": "%s", "account_type": "PERSONAL", "currency": "EUR", "opening_balance": "1000000.00"}""".formatted(id), Map.of());
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            accounts.add(id);
        }
        return accounts;
    }

    /** A decision as answered: what a duplicate must repeat. */
    record Decided(long sequenceNumber, BigDecimal riskScore, String recommendation, List<String> reasonCodes) {
        static Decided of(JsonNode json) {
            List<String> codes = new ArrayList<>();
            json.get("reason_codes").forEach(code -> codes.add(code.asString()));
            return new Decided(
                    json.get("sequence_number").asLong(),
                    json.get("risk_score").decimalValue(),
                    json.get("recommendation").asString(),
                    codes);
        }

        boolean sameAs(Decided other) {
            return sequenceNumber == other.sequenceNumber
                    && riskScore.compareTo(other.riskScore) == 0
                    && recommendation.equals(other.recommendation)
                    && reasonCodes.equals(other.reasonCodes);
        }
    }

    /** A payment as answered, with the request and key that made it. */
    record Paid(String key, String body, String paymentId, String status, long sequenceNumber) {}

    /** What one round found after the restart. */
    record Round(
            int round,
            int detections,
            int payments,
            List<String> lostDetections,
            List<String> lostPayments,
            Map<String, String> changedBalances,
            List<Long> sequenceNumbers) {
        String describe(String engine) {
            return "CrashRecovery %s round %d: /detect answered %d, found %d, lost %d; /payments answered %d,"
                            .formatted(
                                    engine,
                                    round,
                                    detections,
                                    detections - lostDetections.size(),
                                    lostDetections.size(),
                                    payments)
                    + " replayed %d, lost %d; balances changed by the replays %d"
                            .formatted(payments - lostPayments.size(), lostPayments.size(), changedBalances.size());
        }
    }

    /** One round's load: clients on their own threads, each remembering what was answered. */
    private static final class Load {
        private final String prefix;
        private final List<String> accounts;
        private final Map<String, String> sent = new ConcurrentHashMap<>();
        private final Map<String, Decided> decided = new ConcurrentHashMap<>();
        private final Map<String, Paid> paid = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);

        Load(String prefix, List<String> accounts) {
            this.prefix = prefix;
            this.accounts = accounts;
        }

        /** Sends (see {@link #MIN_LOAD}), then kills the service with SIGKILL while the clients are still sending. */
        void driveAndKill(ServiceProcess service) throws InterruptedException {
            ExecutorService clients = Executors.newFixedThreadPool(DETECT_CLIENTS + PAYMENT_CLIENTS);
            for (int i = 0; i < DETECT_CLIENTS; i++) {
                int client = i;
                clients.execute(() -> detect(service, client));
            }
            for (int i = 0; i < PAYMENT_CLIENTS; i++) {
                int client = i;
                clients.execute(() -> pay(service, client));
            }
            Instant start = Instant.now();
            Thread.sleep(MIN_LOAD.toMillis());
            while ((decided.size() < MIN_DETECTIONS || paid.size() < MIN_PAYMENTS)
                    && Instant.now().isBefore(start.plus(MAX_LOAD))) {
                Thread.sleep(50);
            }
            clients.shutdown();
            service.kill();
            running.set(false);
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS))
                    .as("clients stopped")
                    .isTrue();
        }

        private void detect(ServiceProcess service, int client) {
            Random random = new Random(client);
            for (int n = 0; running.get(); n++) {
                String id = prefix + "_d" + client + "_" + n;
                String body = """
                        {"transaction_id": "%s", "user_id": "%s_u%d", "amount": %d.%02d, "timestamp": "%s"}""".formatted(
                                id,
                                prefix,
                                random.nextInt(USERS),
                                5 + random.nextInt(500),
                                random.nextInt(100),
                                FIRST_EVENT.plusSeconds(n * 10L + client));
                Answer answer = service.trySend("POST", "/detect", body, Map.of());
                if (answer != null && answer.status() == 200) {
                    sent.put(id, body);
                    decided.put(id, Decided.of(answer.json()));
                }
            }
        }

        private void pay(ServiceProcess service, int client) {
            Random random = new Random(100 + client);
            for (int n = 0; running.get(); n++) {
                int from = random.nextInt(accounts.size());
                int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
                String key = prefix + "_p" + client + "_" + n;
                String body = """
                        {"from_account": "%s", "to_account": "%s", "amount": "%d.%02d", "currency": "EUR"}""".formatted(
                                accounts.get(from), accounts.get(to), 1 + random.nextInt(50), random.nextInt(100));
                Answer answer = service.trySend("POST", "/payments", body, Map.of("Idempotency-Key", key));
                if (answer != null && answer.status() == 201) {
                    JsonNode json = answer.json();
                    paid.put(
                            key,
                            new Paid(
                                    key,
                                    body,
                                    json.get("payment_id").asString(),
                                    json.get("status").asString(),
                                    json.get("decision").get("sequence_number").asLong()));
                }
            }
        }

        /** Sends every answered request again to the restarted service and says what was lost. */
        Round check(ServiceProcess service, int round, List<String> accounts) {
            List<String> lostDetections = new ArrayList<>();
            for (Map.Entry<String, Decided> first : decided.entrySet()) {
                Answer again = service.send("POST", "/detect", sent.get(first.getKey()), Map.of());
                boolean kept = again.status() == 200
                        && again.json().get("duplicate").asBoolean()
                        && Decided.of(again.json()).sameAs(first.getValue());
                if (!kept) {
                    lostDetections.add(first.getKey() + " answered " + first.getValue() + ", now " + again.body());
                }
            }
            Map<String, BigDecimal> before = balances(service, accounts);
            List<String> lostPayments = new ArrayList<>();
            for (Paid first : paid.values()) {
                Answer again = service.send("POST", "/payments", first.body(), Map.of("Idempotency-Key", first.key()));
                boolean replayed = again.status() == 200
                        && "true".equals(again.header("Idempotent-Replayed"))
                        && first.paymentId()
                                .equals(again.json().get("payment_id").asString())
                        && first.status().equals(again.json().get("status").asString())
                        && first.sequenceNumber()
                                == again.json()
                                        .get("decision")
                                        .get("sequence_number")
                                        .asLong();
                if (!replayed) {
                    lostPayments.add(
                            first.key() + " answered " + first + ", now " + again.status() + " " + again.body());
                }
            }
            Map<String, BigDecimal> after = balances(service, accounts);
            Map<String, String> changed = new HashMap<>();
            for (String account : accounts) {
                if (before.get(account).compareTo(after.get(account)) != 0) {
                    changed.put(account, before.get(account) + " -> " + after.get(account));
                }
            }
            return new Round(
                    round, decided.size(), paid.size(), lostDetections, lostPayments, changed, sequenceNumbers());
        }

        /** Every sequence number answered in this round, once per answer. */
        private List<Long> sequenceNumbers() {
            List<Long> numbers = new ArrayList<>();
            decided.values().forEach(d -> numbers.add(d.sequenceNumber()));
            paid.values().forEach(p -> numbers.add(p.sequenceNumber()));
            return numbers;
        }

        private static Map<String, BigDecimal> balances(ServiceProcess service, List<String> accounts) {
            Map<String, BigDecimal> balances = new HashMap<>();
            for (String account : accounts) {
                Answer answer = service.send("GET", "/accounts/" + account, null, Map.of());
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                balances.put(account, answer.json().get("balance").decimalValue());
            }
            return balances;
        }
    }
}
