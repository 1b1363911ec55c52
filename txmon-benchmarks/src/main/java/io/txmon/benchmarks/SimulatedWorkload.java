package io.txmon.benchmarks;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.AccountStateStore;
import io.txmon.features.EntityKind;
import io.txmon.features.EntityState;
import io.txmon.features.EntityStateCodec;
import io.txmon.features.EntityStateStore;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Realistic traffic for the benchmarks: a simulated bank, whose first month warms the account states and
 * whose following weeks are the stream measured. Warm states are kept as saved bytes so that each
 * measurement iteration starts from the same warm month, never from states the previous iteration moved
 * on; synthetic random traffic would drift away from anything a model learns and measure the wrong thing.
 */
final class SimulatedWorkload {
    private static final int WARM_DAYS = 30;
    /**
     * Transactions the measured stream holds at least: more than a one-second iteration decides even at
     * 200,000 a second, so that restoring the warm states (tens of milliseconds) never happens inside a
     * measurement.
     */
    private static final int MIN_STREAM = 300_000;
    /** Personal customers make about 1.4 transactions a day in the simulated world; a little under, to be safe. */
    private static final double TRANSACTIONS_PER_CUSTOMER_DAY = 1.2;

    final List<Transaction> warmUp;
    /** The simulator's ground truth for {@link #warmUp}: whether each transaction is suspicious. */
    final boolean[] warmUpLabels;

    final Transaction[] stream;
    final Function<String, Account> directory;
    private Map<String, byte[]> warmStates = Map.of();
    private Map<EntityKind, Map<String, byte[]>> warmEntities = Map.of();

    /** A warm month and a stream long enough for any one-second measurement iteration. */
    static SimulatedWorkload forMeasurement(int customers) {
        int streamDays = (int) Math.ceil(MIN_STREAM / (customers * TRANSACTIONS_PER_CUSTOMER_DAY));
        SimulatedWorkload workload = new SimulatedWorkload(customers, WARM_DAYS + streamDays);
        if (workload.stream.length < MIN_STREAM) {
            throw new IllegalStateException("the simulated stream holds " + workload.stream.length
                    + " transactions, fewer than the " + MIN_STREAM + " an iteration may need");
        }
        return workload;
    }

    /** A warm month and the rest of {@code days} as the stream. */
    SimulatedWorkload(int customers, int days) {
        SimulatedData data = Simulator.simulate(SimulationSettings.builder()
                .seed(42)
                .customers(customers)
                .days(days)
                .build());
        Instant streamStart = SimulationSettings.DEFAULT_START.plus(Duration.ofDays(WARM_DAYS));
        int split = 0;
        while (split < data.transactions().size()
                && data.transactions().get(split).timestamp().isBefore(streamStart)) {
            split++;
        }
        warmUp = data.transactions().subList(0, split);
        warmUpLabels = new boolean[split];
        for (int i = 0; i < split; i++) {
            warmUpLabels[i] = data.labels().get(i).suspicious();
        }
        stream = data.transactions().subList(split, data.transactions().size()).toArray(Transaction[]::new);
        Map<String, Account> accounts = new HashMap<>();
        data.accounts().forEach(a -> accounts.put(a.userId(), a));
        directory = id -> accounts.getOrDefault(id, Account.unknown(id));
    }

    /** Keeps {@code states} as the warm states every iteration starts from. */
    void saveWarm(States states) {
        Map<String, byte[]> saved = new HashMap<>();
        states.byAccount.forEach((id, state) -> saved.put(id, AccountStateCodec.toBytes(state)));
        warmStates = saved;
    }

    /** Fresh states, as warm as when {@link #saveWarm} was called. */
    States restoreWarm() {
        States states = new States(directory);
        warmStates.forEach((id, bytes) -> {
            try {
                states.byAccount.put(id, AccountStateCodec.fromBytes(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return states;
    }

    /** Keeps {@code entities} as the warm entity states every iteration starts from. */
    void saveWarm(Entities entities) {
        Map<EntityKind, Map<String, byte[]>> saved = new EnumMap<>(EntityKind.class);
        entities.byKind.forEach((kind, states) -> {
            Map<String, byte[]> bytes = new HashMap<>();
            states.forEach((id, state) -> bytes.put(id, EntityStateCodec.toBytes(state)));
            saved.put(kind, bytes);
        });
        warmEntities = saved;
    }

    /** Fresh entity states, as warm as when {@link #saveWarm(Entities)} was called (empty if it never was). */
    Entities restoreWarmEntities() {
        Entities entities = new Entities();
        warmEntities.forEach((kind, saved) -> {
            Map<String, EntityState> states = entities.byKind.get(kind);
            saved.forEach((id, bytes) -> states.put(id, EntityStateCodec.fromBytes(bytes)));
        });
        return entities;
    }

    /** Entity states (merchant or terminal, device, payee, account outcomes) in plain maps, one a kind. */
    static final class Entities implements EntityStateStore {
        final Map<EntityKind, Map<String, EntityState>> byKind = new EnumMap<>(EntityKind.class);

        Entities() {
            for (EntityKind kind : EntityKind.values()) {
                byKind.put(kind, new HashMap<>());
            }
        }

        @Override
        public EntityState stateOf(EntityKind kind, String id, Instant firstSeen) {
            Map<String, EntityState> states = byKind.get(kind);
            EntityState state = states.get(id);
            if (state == null) {
                state = EntityState.open(kind, firstSeen.toEpochMilli());
                states.put(id, state);
            }
            return state;
        }

        @Override
        public EntityState find(EntityKind kind, String id) {
            return byKind.get(kind).get(id);
        }

        /** How many entities have a state, all kinds together. */
        int size() {
            return byKind.values().stream().mapToInt(Map::size).sum();
        }
    }

    /** Account states in a plain map, opened from the simulated reference data. */
    static final class States implements AccountStateStore {
        final Map<String, AccountState> byAccount = new HashMap<>();
        private final Function<String, Account> directory;

        States(Function<String, Account> directory) {
            this.directory = directory;
        }

        @Override
        public AccountState stateOf(String accountId, Instant firstSeen) {
            AccountState state = byAccount.get(accountId);
            if (state == null) {
                state = AccountState.open(directory.apply(accountId), firstSeen);
                byAccount.put(accountId, state);
            }
            return state;
        }
    }
}
