package io.txmon.payments;

import io.txmon.alerts.Alerts;
import io.txmon.payments.Payment.Status;
import io.txmon.scoring.Recommendation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What becomes of a payment, apart from where it is kept. Screening decides first: BLOCK rejects it, REVIEW holds
 * it, APPROVE leaves it to the payer's funds, which post it unless it would take the payer below its overdraft
 * limit. A held payment is settled once, when its alert is closed: a true positive rejects it, a false positive
 * releases it to the payer's funds as they are then.
 *
 * <p>PostgreSQL says the same in {@code txmon_record_payment} (db/postgresql/V7_2), and both engines refuse any other
 * change of status with a trigger (db/postgresql/V7_1, {@link PaymentSettlesOnceTrigger}); {@code
 * PaymentPolicyInTheDatabaseIT} holds them to this class.
 */
final class PaymentPolicy {
    private PaymentPolicy() {}

    /**
     * Where a payment stands and why.
     *
     * @param reason why it was rejected or held; null when posted
     */
    record Verdict(Status status, String reason) {
        Verdict {
            Objects.requireNonNull(status, "status");
            if ((status == Status.POSTED) != (reason == null)) {
                throw new IllegalArgumentException("a " + status + " payment has a reason exactly when not POSTED");
            }
        }
    }

    /**
     * What screening alone decides: BLOCK rejects and REVIEW holds, each with the decision's reason codes; empty for
     * an approved payment, which the payer's funds decide ({@link #funded}).
     */
    static Optional<Verdict> screened(Recommendation recommendation, List<String> reasonCodes) {
        String codes = String.join(", ", reasonCodes);
        return switch (recommendation) {
            case BLOCK -> Optional.of(new Verdict(Status.REJECTED, "blocked by screening: " + codes));
            case REVIEW -> Optional.of(new Verdict(Status.HELD, "held for review: " + codes));
            case APPROVE -> Optional.empty();
        };
    }

    /**
     * An approved payment of {@code amount} by {@code payer}, whose balance and overdraft limit are those given:
     * posted, or rejected for want of funds when it would take the payer below its overdraft limit.
     */
    static Verdict funded(String payer, BigDecimal amount, BigDecimal balance, BigDecimal overdraftLimit) {
        return shortfall(payer, amount, balance, overdraftLimit)
                .map(why -> new Verdict(Status.REJECTED, why))
                .orElse(new Verdict(Status.POSTED, null));
    }

    /** Why {@code payer} cannot pay {@code amount}, if it cannot: it would go below its overdraft limit. */
    static Optional<String> shortfall(String payer, BigDecimal amount, BigDecimal balance, BigDecimal overdraftLimit) {
        if (balance.subtract(amount).compareTo(overdraftLimit.negate()) >= 0) {
            return Optional.empty();
        }
        return Optional.of("insufficient funds: paying " + amount.toPlainString() + " would take " + payer
                + " below its overdraft limit of "
                + overdraftLimit.stripTrailingZeros().toPlainString());
    }

    /** Whether closing a held payment's alert with {@code label} releases it to the payer's funds. */
    static boolean releases(Alerts.Label label) {
        return label == Alerts.Label.FALSE_POSITIVE;
    }

    /**
     * A held payment whose alert {@code actor} closed: rejected for a true positive; for a false positive, what the
     * payer's funds decide ({@code funded}, required then), a rejection saying it was released first.
     */
    static Verdict settled(Alerts.Label label, String actor, Optional<Verdict> funded) {
        if (!releases(label)) {
            return new Verdict(Status.REJECTED, "rejected in review by " + actor);
        }
        Verdict byFunds = funded.orElseThrow(
                () -> new IllegalArgumentException("a payment released in review is decided by its funds"));
        return byFunds.status() == Status.POSTED
                ? byFunds
                : new Verdict(Status.REJECTED, "released in review by " + actor + ", then " + byFunds.reason());
    }

    /** Whether a payment may change from {@code from} to {@code to}: only a HELD one is settled, once. */
    static boolean settles(Status from, Status to) {
        return from == Status.HELD && (to == Status.POSTED || to == Status.REJECTED);
    }
}
