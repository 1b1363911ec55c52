package io.txmon.stream;

import io.txmon.boosting.SupervisedModel;
import io.txmon.boosting.SupervisedModelCodec;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelCodec;
import io.txmon.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The rule set, anomaly model and supervised model the job decides with, in the form Flink ships to its tasks: the
 * rule file's text (or none, for the shipped defaults), the anomaly model's saved bytes (or none) and the supervised
 * model's ({@link SupervisedModelCodec}, or none). Each task compiles its own copy when it opens, and again when a
 * control message replaces one of them.
 */
record WhatDecides(String ruleFile, byte[] model, byte[] supervised) implements Serializable {

    /** The shipped default rules, {@code model} if given, no supervised model. */
    static WhatDecides of(Optional<String> ruleFile, Optional<AnomalyModel> model) {
        return new WhatDecides(
                ruleFile.orElse(null), model.map(AnomalyModelCodec::toBytes).orElse(null), null);
    }

    /** The same with {@code supervised} (or none) beside the rules and the anomaly model. */
    WhatDecides withSupervised(Optional<SupervisedModel> supervised) {
        return new WhatDecides(
                ruleFile, model, supervised.map(SupervisedModelCodec::toBytes).orElse(null));
    }

    /** What decides once {@code accepted} applies: its rule file, or one of its models, in place of this one's. */
    WhatDecides with(ControlMessage accepted) {
        return switch (accepted.kind()) {
            case RULES -> new WhatDecides(accepted.ruleFile(), model, supervised);
            case MODEL -> new WhatDecides(ruleFile, accepted.model(), supervised);
            case SUPERVISED -> new WhatDecides(ruleFile, model, accepted.model());
        };
    }

    RuleSet rules() {
        return ruleFile == null ? RuleFile.defaults() : RuleFile.parse(ruleFile, "the job's rule file");
    }

    Optional<AnomalyModel> anomalyModel() {
        if (model == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(readModel(model));
        } catch (IOException e) {
            throw new UncheckedIOException("the job's model cannot be read: " + e.getMessage(), e);
        }
    }

    Optional<SupervisedModel> supervisedModel() {
        if (supervised == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SupervisedModelCodec.fromBytes(supervised));
        } catch (IOException e) {
            throw new UncheckedIOException("the job's supervised model cannot be read: " + e.getMessage(), e);
        }
    }

    /** A model from its saved bytes. */
    static AnomalyModel readModel(byte[] bytes) throws IOException {
        return AnomalyModelCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
