package io.txmon.stream;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.EntityFeatures;
import io.txmon.features.Feature;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.PeerProfile;
import io.txmon.model.AnomalyModel;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One account's behaviour, keyed by account, and one merchant's or device's under a key of its own ({@link
 * AccountEvent#keyOf}): its events wait until the watermark passes them, then are observed in event-time order (ties
 * in input order, the payer before the payee), each giving its part of the transaction's features from the state as
 * it was before, as {@code FeatureTracker} does for batch scoring.
 *
 * <p>Entity features: under the same key, the core's {@code EntityFeatures} reads and teaches the key's entity states
 * ({@link KeyedEntityStates}): an account's as a payer ({@code account_} features) and as a payee ({@code payee_}),
 * a merchant's or a device's. Each kind of entity sees its transactions in the order batch scoring does, so the
 * features are the same.
 *
 * <p>State: the account's state, an object serialized in {@link AccountStateCodec}'s format (the one storage keeps) by
 * {@link AccountStateSerializer} when a checkpoint or RocksDB needs it, its entity states likewise in {@code
 * EntityStateCodec}'s ({@link EntityStateSerializer}), all forgotten once the key is quiet for the TTL, and the
 * events not yet released, by event time: each has a timer at its own time, so a timer releases exactly the events
 * of its instant, without reading or rewriting the others. An event whose time the watermark has already passed goes
 * to {@link #LATE} instead: the account has learned later transactions, and observing it now would decide differently
 * than batch scoring.
 *
 * <p>Copies: an event with the transaction id, side and event time of one the account still holds is a second copy
 * of it and is not observed; the payer's account sends it to {@link #DUPLICATES} (the payee's drops its own, so that
 * a copy is reported once). A copy that arrives after its original was observed is behind event time and goes to
 * {@link #LATE}: either way it is decided once. Only the events waiting for the watermark are compared, so no id is
 * kept beyond them: remembering every id for days in state keyed by id cost a shuffle of every transaction and, at
 * each checkpoint, half of the snapshot's time on the stream benchmark (BENCHMARKS.md).
 *
 * <p>Reference data: the newest update from the {@code accounts} topic is kept under the account's key. The account's
 * state opens at its first transaction from that update, else from the reference data the job was started with, else
 * as an unknown account; as in batch, reference data is read only then.
 *
 * <p>Control: a new model brings new peers for {@code amount_zscore_merchant_type}; accepted messages are kept in
 * broadcast state ({@link ControlState}) and the extractor is rebuilt from it at the next event.
 */
final class AccountStates extends KeyedBroadcastProcessFunction<String, AccountInput, ControlMessage, FeatureHalf> {
    /** Events later than the allowed out-of-orderness: never observed, never dropped silently. */
    static final OutputTag<LateTransaction> LATE = new OutputTag<>("late", TypeInformation.of(LateTransaction.class));

    /** Second copies of a transaction its payer's account still held: never observed twice. */
    static final OutputTag<SequencedTransaction> DUPLICATES =
            new OutputTag<>("duplicates", TypeInformation.of(SequencedTransaction.class));

    private static final long serialVersionUID = 1L;
    /** Events by their event time; held as {@link AccountInput} to be written by {@link AccountInputSerializer}. */
    private static final MapStateDescriptor<Long, List<AccountInput>> WAITING =
            new MapStateDescriptor<>("waiting-events", Types.LONG, Types.LIST(SerializedType.ACCOUNT_INPUT));
    /** The newest reference data received for the account; replaced by each update, never cleared. */
    private static final ValueStateDescriptor<ReferenceAccount> NEWEST_REFERENCE =
            new ValueStateDescriptor<>("newest-reference", TypeInformation.of(ReferenceAccount.class));

    private final WhatDecides starting;
    private final Map<String, ReferenceAccount> reference;
    private final Duration quietAccountTtl;

    /** Null until an event needs it after the task opened or a control message arrived: built from broadcast state. */
    private transient FeatureExtractor extractor;

    private transient ValueState<AccountState> state;
    /** Reads and teaches the entity states under the current key ({@link KeyedEntityStates}). */
    private transient EntityFeatures entities;

    private transient MapState<Long, List<AccountInput>> waiting;
    private transient ValueState<ReferenceAccount> newestReference;
    private transient Counter late;
    private transient Counter duplicates;

    AccountStates(WhatDecides starting, Map<String, ReferenceAccount> reference, Duration quietAccountTtl) {
        this.starting = starting;
        this.reference = reference;
        this.quietAccountTtl = quietAccountTtl;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<AccountState> account =
                new ValueStateDescriptor<>("account-state", new AccountStateSerializer());
        state = getRuntimeContext().getState(forgottenWhenQuiet(account));
        entities = new EntityFeatures(
                new KeyedEntityStates(entity -> getRuntimeContext().getState(forgottenWhenQuiet(entity))));
        waiting = getRuntimeContext().getMapState(WAITING);
        newestReference = getRuntimeContext().getState(NEWEST_REFERENCE);
        late = getRuntimeContext().getMetricGroup().counter(JobMetrics.LATE_TRANSACTIONS);
        duplicates = getRuntimeContext().getMetricGroup().counter(JobMetrics.DUPLICATE_TRANSACTIONS);
    }

    /**
     * Kept while the key is active (each of its transactions writes it), forgotten once quiet for the TTL: an
     * account's state, and its, a merchant's or a device's entity state, whose windows reach back 30 days only.
     */
    private <T> ValueStateDescriptor<T> forgottenWhenQuiet(ValueStateDescriptor<T> descriptor) {
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(quietAccountTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                // Flink's default visits five entries at every access to find expired ones: 22 % of this task on
                // the stream benchmark, for accounts that expire after years. One is enough to sweep the state.
                .cleanupIncrementally(1, false)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return descriptor;
    }

    @Override
    public void processElement(AccountInput input, ReadOnlyContext context, Collector<FeatureHalf> out)
            throws Exception {
        if (input instanceof AccountUpdate update) {
            newestReference.update(update.reference());
        } else if (input instanceof AccountOutcome outcome) {
            await(outcome, context);
        } else {
            await((AccountEvent) input, context);
        }
    }

    /**
     * Holds an outcome until the watermark passes the instant it became known. One behind the watermark cannot come
     * from a label on time (LabelledTransactions emits it before the watermark that passes it); should one come, it
     * is not learned out of order but set aside with the late transactions, with why.
     */
    private void await(AccountOutcome outcome, ReadOnlyContext context) throws Exception {
        long at = outcome.knownAtMillis();
        long watermark = context.timerService().currentWatermark();
        if (at <= watermark) {
            context.output(
                    LATE,
                    new LateTransaction(
                            outcome.transaction().transactionId(),
                            outcome.accountId(),
                            at,
                            watermark,
                            "its outcome, known at " + Instant.ofEpochMilli(at) + ", arrived after event time had"
                                    + " passed it and was not learned by " + outcome.accountId()));
            return;
        }
        List<AccountInput> sameInstant = waiting.get(at);
        List<AccountInput> updated = sameInstant == null ? new ArrayList<>(1) : new ArrayList<>(sameInstant);
        updated.add(outcome);
        waiting.put(at, updated);
        context.timerService().registerEventTimeTimer(at);
    }

    private void await(AccountEvent event, ReadOnlyContext context) throws Exception {
        long at = event.transaction().timestamp().toEpochMilli();
        long watermark = context.timerService().currentWatermark();
        if (at <= watermark) {
            late.inc();
            context.output(
                    LATE,
                    new LateTransaction(
                            event.transaction().transactionId(),
                            event.accountId(),
                            at,
                            watermark,
                            "arrived after event time had passed it: account " + event.accountId()
                                    + " had already learned later transactions"));
            return;
        }
        List<AccountInput> sameInstant = waiting.get(at);
        if (sameInstant != null && holds(sameInstant, event)) {
            if (event.side() == AccountEvent.Side.PAYER) {
                duplicates.inc();
                context.output(DUPLICATES, event.sequenced());
            }
            return;
        }
        List<AccountInput> updated = sameInstant == null ? new ArrayList<>(1) : new ArrayList<>(sameInstant);
        updated.add(event);
        waiting.put(at, updated);
        context.timerService().registerEventTimeTimer(at);
    }

    private static boolean holds(List<AccountInput> waiting, AccountEvent event) {
        String id = event.transaction().transactionId();
        for (AccountInput input : waiting) {
            if (input instanceof AccountEvent held
                    && held.side() == event.side()
                    && held.transaction().transactionId().equals(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void processBroadcastElement(ControlMessage accepted, Context context, Collector<FeatureHalf> out)
            throws Exception {
        context.getBroadcastState(ControlState.ACCEPTED).put(accepted.kind(), accepted);
        extractor = null;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<FeatureHalf> out) throws Exception {
        FeatureExtractor extractor = extractor(context);
        List<AccountEvent> due = new ArrayList<>();
        List<AccountOutcome> known = new ArrayList<>();
        for (AccountInput input : waiting.get(timestamp)) {
            if (input instanceof AccountOutcome outcome) {
                known.add(outcome);
            } else {
                due.add((AccountEvent) input);
            }
        }
        waiting.remove(timestamp);
        due.sort(AccountEvent.ORDER);
        AccountState account = null;
        for (AccountEvent event : due) {
            Transaction tx = event.transaction();
            AccountEvent.Side side = event.side();
            int parts = AccountEvent.partsOf(tx);
            double[] features = new double[Feature.COUNT];
            if (side == AccountEvent.Side.PAYER || side == AccountEvent.Side.PAYEE) {
                if (account == null) {
                    account = load(event.accountId(), tx);
                }
                if (side == AccountEvent.Side.PAYER) {
                    extractor.observePayer(tx, account, features);
                } else {
                    extractor.observePayee(tx, account, features);
                }
            }
            entities.observe(side.entity(), tx, features);
            out.collect(
                    side == AccountEvent.Side.PAYER
                            ? FeatureHalf.payer(event.accountId(), parts, event.sequenced(), features)
                            : FeatureHalf.of(event.accountId(), side, parts, event.sequenced(), features));
        }
        if (account != null) {
            state.update(account);
        }
        // After the instant's transactions: batch scoring learns an outcome known at an instant before the transactions
        // after it, not those at it. Outcomes of one instant come from several tasks in no set order, so they are
        // learned in their transactions' order; batch learns them in the order reported, which differs only for two
        // outcomes known at the very same instant, and then only when a full memory of fraud accounts evicts one.
        known.sort(AccountOutcome.ORDER);
        for (AccountOutcome outcome : known) {
            entities.learnOutcome(outcome.side().entity(), outcome.transaction(), outcome.delta());
        }
    }

    private FeatureExtractor extractor(ReadOnlyContext context) throws Exception {
        if (extractor == null) {
            WhatDecides current = ControlState.current(starting, context.getBroadcastState(ControlState.ACCEPTED));
            PeerProfile peers = current.anomalyModel().map(AnomalyModel::peers).orElse(PeerProfile.EMPTY);
            extractor = new FeatureExtractor(current.rules().features(), peers);
        }
        return extractor;
    }

    /**
     * The account's saved state, or a new one opened at its first transaction from its newest reference data: an
     * update received while running, else what the job was started with, else none.
     */
    private AccountState load(String accountId, Transaction first) throws IOException {
        AccountState saved = state.value();
        if (saved != null) {
            return saved;
        }
        ReferenceAccount known = newestReference.value();
        if (known == null) {
            known = reference.get(accountId);
        }
        Account account = known == null ? Account.unknown(accountId) : known.account();
        return AccountState.open(account, first.timestamp());
    }
}
