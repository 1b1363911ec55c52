package io.txmon.shadow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A challenger as recorded in {@code challengers}: the versions it decides with, who started it and when, and who
 * stopped it and when (empty while it runs).
 *
 * @param ruleSetVersion the kept rule set it decides with: the one given, else the champion's when it started
 * @param modelVersion the kept anomaly model it decides with: the one given, else the champion's when it started
 *     (empty when the champion had none)
 * @param supervisedModelVersion the kept supervised model it decides with; empty when it decides with the champion's,
 *     whichever that is at each decision
 */
public record Challenger(
        long id,
        String ruleSetVersion,
        Optional<String> modelVersion,
        Optional<String> supervisedModelVersion,
        Instant startedAt,
        String startedBy,
        Optional<Instant> stoppedAt,
        Optional<String> stoppedBy) {
    public Challenger {
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(supervisedModelVersion, "supervisedModelVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        Objects.requireNonNull(stoppedBy, "stoppedBy");
    }

    /** Whether it still decides beside the champion. */
    public boolean running() {
        return stoppedAt.isEmpty();
    }
}
