package io.txmon.scoring;

import java.util.Objects;

/**
 * Why a decision is what it is: one reason code with its origin, a sentence for the analyst and the
 * weight it carried.
 *
 * @param code the reason code, such as {@code HIGH_AMOUNT} or {@code ML_AMOUNT_DEVIATION}
 * @param source whether a rule or the model gave it
 * @param description what it means, for the analyst
 * @param weight its share of the risk, from 0 to 1
 */
public record Reason(String code, ReasonSource source, String description, double weight) {
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight must be within [0, 1], was " + weight);
        }
    }
}
