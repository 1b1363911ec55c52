package io.txmon.stream;

import io.txmon.stream.ControlMessage.Kind;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The control messages a task has accepted, kept in broadcast state: the newest rule file, anomaly model and supervised
 * model, by kind. Broadcast state is checkpointed, so a job restored from a checkpoint or savepoint decides with what it last
 * accepted rather than with what it was started with.
 */
final class ControlState {
    /** The newest accepted message of each kind; never cleared, one entry per kind at most. */
    static final MapStateDescriptor<Kind, ControlMessage> ACCEPTED = new MapStateDescriptor<>(
            "accepted-control", TypeInformation.of(Kind.class), TypeInformation.of(ControlMessage.class));

    private ControlState() {}

    /**
     * What decides in a task: {@code starting} (the job's own rules and model) with the accepted messages applied.
     *
     * <p>One exception: accepted rules whose feature settings differ from the starting ones are left out. The control
     * stream refuses such rules, so they can only come from a savepoint restored into a job started with a rule file
     * of other settings, which is how those settings are changed; that job's own rule file is the one meant.
     */
    static WhatDecides current(WhatDecides starting, ReadOnlyBroadcastState<Kind, ControlMessage> accepted)
            throws Exception {
        WhatDecides current = starting;
        ControlMessage rules = accepted.get(Kind.RULES);
        if (rules != null) {
            WhatDecides withRules = starting.with(rules);
            if (withRules.rules().features().equals(starting.rules().features())) {
                current = withRules;
            }
        }
        ControlMessage model = accepted.get(Kind.MODEL);
        if (model != null) {
            current = current.with(model);
        }
        ControlMessage supervised = accepted.get(Kind.SUPERVISED);
        return supervised == null ? current : current.with(supervised);
    }
}
