package io.txmon.stream;

import io.txmon.boosting.SupervisedModelCodec;
import io.txmon.features.FeatureSettings;
import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.RuleSet;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Checks each control message once, at parallelism 1, before it is broadcast to every task: a rule file that does
 * not parse, a model that does not decode, or a rule set whose feature settings differ from the running ones goes to
 * {@link #REFUSED} with its reason, and the running rules and model stay. What passes, every task can compile.
 *
 * <p>Feature settings cannot change in a running job: each account's state was learned with the running ones (hours
 * counted in their time zone, amounts judged small or similar by their thresholds), as batch scoring learns a whole
 * history with one set. New settings need a restart from a savepoint with the new rule file. Stateless: the running
 * settings are the job's own, since no message that changes them is ever accepted.
 */
final class ControlCheck extends ProcessFunction<ControlMessage, ControlMessage> {
    /** Control messages refused, with why. */
    static final OutputTag<ControlError> REFUSED =
            new OutputTag<>("control-errors", TypeInformation.of(ControlError.class));

    private static final long serialVersionUID = 1L;

    private final WhatDecides starting;

    private transient FeatureSettings running;
    private transient Counter refused;

    ControlCheck(WhatDecides starting) {
        this.starting = starting;
    }

    @Override
    public void open(OpenContext context) {
        running = starting.rules().features();
        refused = getRuntimeContext().getMetricGroup().counter(JobMetrics.CONTROL_ERRORS);
    }

    @Override
    public void processElement(ControlMessage message, Context context, Collector<ControlMessage> out) {
        Optional<String> problem = problemWith(message);
        if (problem.isEmpty()) {
            out.collect(message);
            return;
        }
        refused.inc();
        context.output(
                REFUSED,
                new ControlError(
                        message.origin(),
                        message.kind().name(),
                        problem.get(),
                        context.timerService().currentProcessingTime()));
    }

    private Optional<String> problemWith(ControlMessage message) {
        return switch (message.kind()) {
            case RULES -> problemWithRules(message);
            case MODEL -> problemWithModel(message);
            case SUPERVISED -> problemWithSupervised(message);
        };
    }

    private Optional<String> problemWithRules(ControlMessage message) {
        RuleSet rules;
        try {
            rules = RuleFile.parse(message.ruleFile(), message.origin());
        } catch (RuntimeException e) {
            // RuleFileException names the origin, the line and the key.
            return Optional.of(e.getMessage());
        }
        if (!rules.features().equals(running)) {
            return Optional.of("rule set " + rules.version() + " has other feature settings (" + rules.features()
                    + ") than the running ones (" + running + "); account states were learned with the running"
                    + " ones and cannot change in place: restart the job from a savepoint with the new rule file");
        }
        return Optional.empty();
    }

    private static Optional<String> problemWithModel(ControlMessage message) {
        try {
            WhatDecides.readModel(message.model());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // The codec reports a bad magic, an unknown format version or an unknown feature as either.
            return Optional.of("the model cannot be read: " + e.getMessage());
        }
    }

    private static Optional<String> problemWithSupervised(ControlMessage message) {
        try {
            SupervisedModelCodec.fromBytes(message.model());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("the supervised model cannot be read: " + e.getMessage());
        }
    }
}
