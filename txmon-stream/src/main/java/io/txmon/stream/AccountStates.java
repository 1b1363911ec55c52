package io.txmon.stream;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.Feature;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.PeerProfile;
import io.txmon.model.AnomalyModel;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One account's behaviour, keyed by account: its events wait until the watermark passes them, then are observed in
 * event-time order (ties in input order, the payer before the payee), each giving its half of the transaction's
 * features from the state as it was before, as {@code FeatureTracker} does for batch scoring.
 *
 * <p>State: the account's state, saved as {@link AccountStateCodec}'s bytes (the format storage keeps), and the
 * events not yet released, by event time: each has a timer at its own time, so a timer releases exactly the events
 * of its instant, without reading or rewriting the others. An event whose time the watermark has already passed goes to {@link #LATE} instead: the
 * account has learned later transactions, and observing it now would decide differently than batch scoring.
 */
final class AccountStates extends KeyedProcessFunction<String, AccountEvent, FeatureHalf> {
    /** Events later than the allowed out-of-orderness: never observed, never dropped silently. */
    static final OutputTag<LateTransaction> LATE = new OutputTag<>("late", TypeInformation.of(LateTransaction.class));

    private static final long serialVersionUID = 1L;
    private static final ValueStateDescriptor<byte[]> STATE = new ValueStateDescriptor<>("account-state", byte[].class);
    private static final MapStateDescriptor<Long, List<AccountEvent>> WAITING =
            new MapStateDescriptor<>("waiting-events", Types.LONG, Types.LIST(TypeInformation.of(AccountEvent.class)));

    private final WhatDecides decides;
    private final Map<String, ReferenceAccount> reference;

    private transient FeatureExtractor extractor;
    private transient ValueState<byte[]> state;
    private transient MapState<Long, List<AccountEvent>> waiting;

    AccountStates(WhatDecides decides, Map<String, ReferenceAccount> reference) {
        this.decides = decides;
        this.reference = reference;
    }

    @Override
    public void open(OpenContext context) {
        PeerProfile peers = decides.anomalyModel().map(AnomalyModel::peers).orElse(PeerProfile.EMPTY);
        extractor = new FeatureExtractor(decides.rules().features(), peers);
        state = getRuntimeContext().getState(STATE);
        waiting = getRuntimeContext().getMapState(WAITING);
    }

    @Override
    public void processElement(AccountEvent event, Context context, Collector<FeatureHalf> out) throws Exception {
        long at = event.transaction().timestamp().toEpochMilli();
        long watermark = context.timerService().currentWatermark();
        if (at <= watermark) {
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
        List<AccountEvent> sameInstant = waiting.get(at);
        List<AccountEvent> updated = sameInstant == null ? new ArrayList<>(1) : new ArrayList<>(sameInstant);
        updated.add(event);
        waiting.put(at, updated);
        context.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<FeatureHalf> out) throws Exception {
        List<AccountEvent> due = new ArrayList<>(waiting.get(timestamp));
        waiting.remove(timestamp);
        due.sort(AccountEvent.ORDER);
        AccountState account = null;
        for (AccountEvent event : due) {
            Transaction tx = event.transaction();
            if (account == null) {
                account = load(event.accountId(), tx);
            }
            double[] features = new double[Feature.COUNT];
            if (event.side() == AccountEvent.Side.PAYER) {
                extractor.observePayer(tx, account, features);
                out.collect(new FeatureHalf(
                        event.accountId(),
                        AccountEvent.Side.PAYER,
                        tx.payeeAccount() != null,
                        event.sequenced(),
                        features));
            } else {
                extractor.observePayee(tx, account, features);
                out.collect(
                        new FeatureHalf(event.accountId(), AccountEvent.Side.PAYEE, true, event.sequenced(), features));
            }
        }
        if (account != null) {
            state.update(AccountStateCodec.toBytes(account));
        }
    }

    /** The account's saved state, or a new one opened from its reference data at its first transaction. */
    private AccountState load(String accountId, Transaction first) throws IOException {
        byte[] saved = state.value();
        if (saved != null) {
            return AccountStateCodec.fromBytes(saved);
        }
        ReferenceAccount known = reference.get(accountId);
        Account account = known == null ? Account.unknown(accountId) : known.account();
        return AccountState.open(account, first.timestamp());
    }
}
